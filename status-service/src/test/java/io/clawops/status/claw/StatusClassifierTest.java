package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.RunOutcome;
import org.junit.jupiter.api.Test;

class StatusClassifierTest {

  @Test
  void shouldFollowTheLifecycleWhenNothingWentWrong() {
    ClawScenario scenario = new ClawScenario().requested();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.PROVISIONING);
    scenario.bootstrapOk();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.READY);
  }

  @Test
  void shouldShowWorkspaceIncompleteForAMissingRequiredRepository() {
    ClawScenario scenario = new ClawScenario().requested();

    scenario.apply(
        new BootstrapCompleted(false, "platform.repo_missing", "required repository app missing"));

    StatusView status = scenario.status();
    assertThat(status.status()).isEqualTo(ClawStatus.WORKSPACE_INCOMPLETE);
    assertThat(status.message()).isEqualTo("required repository app missing");
  }

  @Test
  void shouldShowBootstrapFailedForAnyOtherFailedStep() {
    ClawScenario scenario = new ClawScenario().requested();

    scenario.apply(
        new BootstrapCompleted(false, "platform.credentials_missing", "credential gh missing"));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.BOOTSTRAP_FAILED);
    assertThat(scenario.status().retryable()).isFalse();
  }

  @Test
  void shouldShowRemovedBeforeAnythingElse() {
    ClawScenario scenario = ClawScenario.running();
    scenario.finished(RunOutcome.COMPLETED, null, scenario.now);
    ClawState claw = scenario.claw();
    claw.lifecycle = Lifecycle.REMOVED;

    assertThat(StatusClassifier.classify(claw, ConnectionState.OFFLINE).status())
        .isEqualTo(ClawStatus.REMOVED);
  }

  @Test
  void shouldShowOfflineOnlyWhenNoFailureIsRecorded() {
    ClawScenario scenario = ClawScenario.running();
    assertThat(StatusClassifier.classify(scenario.claw(), ConnectionState.OFFLINE).status())
        .isEqualTo(ClawStatus.OFFLINE);

    scenario.finished(RunOutcome.STALLED, "platform.idle_watchdog", scenario.now);

    assertThat(StatusClassifier.classify(scenario.claw(), ConnectionState.OFFLINE).status())
        .isEqualTo(ClawStatus.STALLED);
  }

  @Test
  void shouldSurviveAStorageRoundTripUnchanged() {
    ClawScenario scenario = ClawScenario.running(ClawScenario.FALLBACK);
    scenario
        .beat()
        .toolCall("exec", "d", false, "exec failed: elevated is not available")
        .modelTimeout();
    String stored = ClawDocuments.write(scenario.claw());

    ClawState restored = ClawDocuments.read(stored);

    assertThat(ClawDocuments.write(restored)).isEqualTo(stored);
    assertThat(StatusClassifier.classify(restored, ConnectionState.CONNECTED))
        .isEqualTo(StatusClassifier.classify(scenario.claw(), ConnectionState.CONNECTED));
  }
}
