package io.clawops.provisioner.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.ReasonCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessGateTest {

  @Test
  void shouldBeReadyOnlyWhenEveryStepIsOk() {
    Readiness readiness = ReadinessGate.decide(List.of(ok("a"), ok("b")));

    assertThat(readiness.ready()).isTrue();
    assertThat(readiness.reason()).isNull();
  }

  @Test
  void shouldNeverBeReadyWithoutSteps() {
    assertThat(ReadinessGate.decide(List.of()).ready()).isFalse();
  }

  @Test
  void shouldReportRepoMissingOverAnEarlierCloneFailure() {
    Readiness readiness =
        ReadinessGate.decide(
            List.of(
                ok("sandbox_created"),
                failed("repositories_cloned", ReasonCode.REPO_CLONE_FAILED, "clone failed"),
                failed("repositories_verified", ReasonCode.REPO_MISSING, "app is missing")));

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo(ReasonCode.REPO_MISSING);
    assertThat(readiness.message()).isEqualTo("app is missing");
  }

  @Test
  void shouldReportTheFirstFailureAndIgnoreSkippedSteps() {
    Readiness readiness =
        ReadinessGate.decide(
            List.of(
                ok("sandbox_created"),
                failed("credentials_configured", ReasonCode.CREDENTIALS_MISSING, "no key"),
                skipped("repositories_cloned")));

    assertThat(readiness.reason()).isEqualTo(ReasonCode.CREDENTIALS_MISSING);
    assertThat(readiness.toMessage().reason()).isEqualTo("platform.credentials_missing");
  }

  @Test
  void shouldNotBeReadyWhenAStepWasOnlySkipped() {
    Readiness readiness = ReadinessGate.decide(List.of(ok("a"), skipped("b")));

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo(ReasonCode.BOOTSTRAP_STEP_FAILED);
  }

  private static CompletedStep ok(String name) {
    return new CompletedStep(name, StepResult.ok(null, Map.of()), 1);
  }

  private static CompletedStep failed(String name, ReasonCode reason, String message) {
    return new CompletedStep(name, StepResult.failed(reason, message, Map.of()), 1);
  }

  private static CompletedStep skipped(String name) {
    return new CompletedStep(name, StepResult.skipped(ReasonCode.CREDENTIALS_MISSING, "s"), 0);
  }
}
