package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.RunOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClawActionsTest {

  @Test
  void shouldStartANewAttemptOnRetryAfterAModelTimeout() {
    ClawScenario scenario = ClawScenario.running();
    scenario.modelTimeout().finished(RunOutcome.FAILED, "agent.process_failure", scenario.now);

    ActionResult result = scenario.retry(null);

    assertThat(result.accepted()).isTrue();
    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(task -> assertThat(task.attempt()).isEqualTo(2));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
  }

  @Test
  void shouldActOnceWhenRetryIsRequestedTwice() {
    ClawScenario scenario = ClawScenario.running();
    scenario.modelTimeout();

    scenario.retry(null);
    ActionResult second = scenario.retry(null);

    assertThat(second.accepted()).isFalse();
    assertThat(second.refusal()).contains("recovery is in flight");
    assertThat(scenario.tasks()).hasSize(1);
  }

  @Test
  void shouldRefuseRetryWhileRunningOrWhenTheCauseIsNotRetryable() {
    ClawScenario running = ClawScenario.running();
    assertThat(running.retry(null).accepted()).isFalse();

    ClawScenario blocked = ClawScenario.running();
    blocked.error("agent.provider_auth", "key refused");
    assertThat(blocked.retry(null).accepted()).isFalse();
  }

  @Test
  void shouldRerunTheChecklistOnRetryAfterABootstrapFailure() {
    ClawScenario scenario = new ClawScenario().requested();
    scenario.apply(
        new io.clawops.contracts.message.BootstrapCompleted(
            false, "platform.repo_missing", "repository app missing"));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.WORKSPACE_INCOMPLETE);

    assertThat(scenario.retry(null).accepted()).isTrue();

    assertThat(scenario.published(CommandRebootstrap.class)).hasSize(1);
  }

  @Test
  void shouldCancelOnceAndMakeItFinalAfterTheGraceWhenNoRunnerAnswers() {
    ClawScenario scenario = ClawScenario.running();

    scenario.cancel();
    scenario.cancel();
    assertThat(scenario.cancels()).hasSize(1);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);

    scenario.advance(scenario.rules.cancelGrace().plus(Duration.ofSeconds(1)));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.CANCELLED);
  }

  @Test
  void shouldCancelAClawThatHasNoRunAtOnce() {
    ClawScenario scenario = new ClawScenario().requested();

    assertThat(scenario.cancel().accepted()).isTrue();

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.CANCELLED);
    assertThat(scenario.cancels()).singleElement().satisfies(c -> assertThat(c.runId()).isNull());
  }

  @Test
  void shouldStopARunClaimedAfterTheCancel() {
    ClawScenario scenario = ClawScenario.dispatched();
    scenario.cancel();
    java.util.UUID late = java.util.UUID.randomUUID();

    scenario.claim(late);

    assertThat(scenario.cancels()).extracting(c -> c.runId()).containsExactly(null, late);
  }

  @Test
  void shouldStopARunClaimedAfterTheGraceMadeTheCancelFinal() {
    ClawScenario scenario = ClawScenario.dispatched();
    scenario.cancel();
    scenario.advance(scenario.rules.cancelGrace().plus(Duration.ofSeconds(1)));
    java.util.UUID late = java.util.UUID.randomUUID();

    scenario.claim(late);

    assertThat(scenario.cancels()).extracting(c -> c.runId()).contains(late);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.CANCELLED);
  }

  @Test
  void shouldStopARunClaimedAfterTheClawWasRemoved() {
    ClawScenario scenario = ClawScenario.dispatched();
    scenario.remove();
    java.util.UUID late = java.util.UUID.randomUUID();

    scenario.claim(late);

    // The removal stops whatever a late task starts; the late claim is stopped by name.
    assertThat(scenario.cancels()).extracting(c -> c.runId()).containsExactly(null, late);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.REMOVED);
  }
}
