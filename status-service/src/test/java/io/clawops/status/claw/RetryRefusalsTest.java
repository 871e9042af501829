package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.RunOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every refused retry says why, in words that name the claw's status (DESIGN §10). */
class RetryRefusalsTest {

  @Test
  void shouldSayWhyARetryIsRefusedInEachStatus() {
    Map<ClawStatus, Supplier<ClawScenario>> cases = new LinkedHashMap<>();
    cases.put(ClawStatus.PROVISIONING, () -> new ClawScenario().requested());
    cases.put(ClawStatus.READY, ClawScenario::dispatched);
    cases.put(ClawStatus.RUNNING, ClawScenario::running);
    cases.put(
        ClawStatus.OFFLINE,
        () -> {
          ClawScenario s = ClawScenario.running();
          s.beat().advance(Duration.ofSeconds(55));
          return s;
        });
    cases.put(
        ClawStatus.RECOVERING, () -> ClawScenario.running(ClawScenario.FALLBACK).modelTimeout());
    cases.put(
        ClawStatus.COMPLETED,
        () -> {
          ClawScenario s = ClawScenario.running();
          return s.finished(RunOutcome.COMPLETED, null, s.now);
        });
    cases.put(
        ClawStatus.CANCELLED,
        () -> {
          ClawScenario s = ClawScenario.running();
          return s.finished(RunOutcome.CANCELLED, "platform.cancelled", s.now);
        });
    cases.put(
        ClawStatus.REMOVED,
        () -> {
          ClawScenario s = ClawScenario.running();
          s.remove();
          return s;
        });
    cases.put(
        ClawStatus.FAILED,
        () -> {
          ClawScenario s = ClawScenario.running();
          return s.error("agent.provider_auth", "key refused");
        });
    Map<ClawStatus, String> expected = new LinkedHashMap<>();
    expected.put(
        ClawStatus.PROVISIONING,
        "the claw is provisioning; nothing to retry before its checklist ends");
    expected.put(
        ClawStatus.READY, "the claw is ready: attempt 1 waits for a runner; nothing to retry");
    expected.put(ClawStatus.RUNNING, "the claw is running; nothing to retry");
    expected.put(
        ClawStatus.OFFLINE,
        "the claw is offline: ClawOps re-dispatches a lost run on its own while attempts remain;"
            + " nothing to retry");
    expected.put(
        ClawStatus.RECOVERING,
        "a recovery is in flight: model timeout on primary; retrying with fallback fallback;"
            + " wait until its attempt has settled");
    expected.put(ClawStatus.COMPLETED, "the claw completed; nothing to retry");
    expected.put(
        ClawStatus.CANCELLED, "the claw was cancelled on request; create a new claw to rerun");
    expected.put(ClawStatus.REMOVED, "the claw was removed; a removed claw is never retried");
    expected.put(
        ClawStatus.FAILED,
        "reason agent.provider_auth is not retryable: "
            + io.clawops.contracts.ReasonCode.PROVIDER_AUTH.remediation());

    cases.forEach(
        (status, scenario) -> {
          ClawScenario claw = scenario.get();
          assertThat(claw.status().status()).as(status.wire()).isEqualTo(status);
          long before = decided(claw);

          ActionResult result = claw.retry(null);

          assertThat(result.accepted()).as(status.wire()).isFalse();
          assertThat(result.refusal()).as(status.wire()).isEqualTo(expected.get(status));
          assertThat(decided(claw)).as(status.wire()).isEqualTo(before);
        });
  }

  /** Tasks and commands published so far (a refused retry adds none). */
  private static long decided(ClawScenario claw) {
    return claw.published.stream()
        .filter(out -> !out.topic().equals(io.clawops.contracts.Topics.STATUS))
        .count();
  }

  @Test
  void shouldNameTheTasksProfilesWhenARetryNamesAnUnknownOne() {
    ClawScenario scenario = ClawScenario.running(ClawScenario.FALLBACK);
    scenario.finished(RunOutcome.FAILED, "agent.process_failure", scenario.now);

    ActionResult result = scenario.retry("nope");

    assertThat(result.refusal())
        .isEqualTo("unknown model profile nope; the task names primary, fallback");
  }
}
