package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.TaskDispatched;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A timed_out claw: retried on the operator's word only, with a larger budget when asked. */
class TimedOutRetryTest {

  private static ClawScenario timedOut(ClawScenario scenario) {
    var deadline = scenario.claw().currentRun().deadlineAt;
    scenario.finished(RunOutcome.TIMED_OUT, "platform.hard_timeout", deadline.plusSeconds(1));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TIMED_OUT);
    return scenario;
  }

  @Test
  void shouldStayNotRetryableWhenTimedOut() {
    ClawScenario scenario = timedOut(ClawScenario.running());

    assertThat(scenario.status().retryable()).isFalse();
    assertThat(scenario.status().reason()).isEqualTo("platform.hard_timeout");
  }

  @Test
  void shouldPublishTheNextAttemptWithTheLargerRunBudgetOnRetry() {
    ClawScenario scenario = timedOut(ClawScenario.running());

    ActionResult result = scenario.retry(null, 7200);

    assertThat(result.accepted()).isTrue();
    TaskDispatched next = scenario.tasks().get(0);
    assertThat(next.attempt()).isEqualTo(2);
    assertThat(next.timeouts().runSeconds()).isEqualTo(7200);
    assertThat(next.timeouts().idleSeconds()).isEqualTo(300);
    assertThat(next.modelProfile()).isEqualTo(ClawScenario.PRIMARY);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
    // The task template carries the new budget: a later re-dispatch of a lost run keeps it.
    assertThat(scenario.claw().task.timeouts().runSeconds()).isEqualTo(7200);
  }

  @Test
  void shouldKeepTheRunBudgetWhenARetryNamesNone() {
    ClawScenario scenario = timedOut(ClawScenario.running());

    assertThat(scenario.retry(null, null).accepted()).isTrue();

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.attempt()).isEqualTo(2);
              assertThat(task.timeouts().runSeconds()).isEqualTo(3600);
            });
  }

  @Test
  void shouldNeverRetryATimedOutClawOnItsOwn() {
    ClawScenario scenario = timedOut(ClawScenario.running(ClawScenario.FALLBACK));

    // A late model timeout of the timed-out run would otherwise move to the unused fallback (M2),
    // heartbeats and the clock would otherwise re-dispatch a silent run.
    scenario.modelTimeout();
    scenario.error("agent.model_timeout", "no answer");
    scenario.advance(Duration.ofMinutes(30));

    assertThat(scenario.tasks()).isEmpty();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TIMED_OUT);
  }

  @Test
  void shouldRefuseARunBudgetOnARetryThatReRunsTheChecklist() {
    ClawScenario scenario = new ClawScenario().requested();
    scenario.apply(
        new io.clawops.contracts.message.BootstrapCompleted(
            false, "platform.repo_missing", "repository app missing"));

    ActionResult result = scenario.retry(null, 600);

    assertThat(result.accepted()).isFalse();
    assertThat(result.refusal())
        .isEqualTo(
            "the claw is workspace_incomplete: a retry re-runs the bootstrap checklist, which"
                + " takes no runSeconds");
  }
}
