package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.RunOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StickyOutcomeRulesTest {

  @Test
  void shouldKeepTimeoutWhenLateCancelArrives() {
    ClawScenario scenario = ClawScenario.running();
    var deadline = scenario.claw().currentRun().deadlineAt;
    scenario.finished(RunOutcome.TIMED_OUT, "platform.hard_timeout", deadline.plusSeconds(1));

    scenario.finished(RunOutcome.CANCELLED, "platform.cancelled", deadline.plusSeconds(5));
    scenario.error("agent.process_failure", "aborted");

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TIMED_OUT);
    assertThat(scenario.claw().causesOf(scenario.attempt()))
        .extracting(Cause::code)
        .contains("platform.cancelled");
  }

  @Test
  void shouldCorrectAProvisionalTimeoutWhenACompletionBeforeTheDeadlineArrives() {
    ClawScenario scenario = ClawScenario.running();
    var deadline = scenario.claw().currentRun().deadlineAt;
    scenario.advance(Duration.between(scenario.now, deadline).plus(scenario.rules.deadlineGrace()));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TIMED_OUT);

    scenario.finished(RunOutcome.COMPLETED, null, deadline.minusSeconds(2));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.COMPLETED);
  }

  @Test
  void shouldNotLetACompletionAfterTheDeadlineUndoATimeout() {
    ClawScenario scenario = ClawScenario.running();
    var deadline = scenario.claw().currentRun().deadlineAt;
    scenario.finished(RunOutcome.TIMED_OUT, "platform.hard_timeout", deadline.plusSeconds(1));

    scenario.finished(RunOutcome.COMPLETED, null, deadline.plusSeconds(3));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.TIMED_OUT);
  }

  @Test
  void shouldStayCancelledWhenCancelledBeforeTheDeadline() {
    ClawScenario scenario = ClawScenario.running();

    scenario.finished(RunOutcome.CANCELLED, "platform.cancelled", scenario.now);
    scenario.finished(
        RunOutcome.TIMED_OUT, "platform.hard_timeout", scenario.now.plusSeconds(3600));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.CANCELLED);
  }

  @Test
  void shouldPinTheFirstAuthoritativeCauseAndRecordEveryLaterOne() {
    ClawScenario scenario = ClawScenario.running();

    scenario.error("agent.provider_auth", "provider refused the key");
    scenario.finished(RunOutcome.FAILED, "agent.process_failure", scenario.now);

    assertThat(scenario.claw().currentRun().pinnedCause).isEqualTo("agent.provider_auth");
    assertThat(scenario.claw().causesOf(scenario.attempt()))
        .extracting(Cause::code)
        .containsExactly("agent.provider_auth", "agent.process_failure");
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.FAILED);
    assertThat(scenario.status().reason()).isEqualTo("agent.provider_auth");
  }
}
