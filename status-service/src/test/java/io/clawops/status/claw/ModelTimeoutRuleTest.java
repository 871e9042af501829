package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.RunOutcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelTimeoutRuleTest {

  @Test
  void shouldShowModelTimeoutWithNoFallbackConfigured() {
    ClawScenario scenario = ClawScenario.running();

    scenario.modelTimeout();
    scenario.finished(RunOutcome.FAILED, "agent.process_failure", scenario.now);

    StatusView status = scenario.status();
    assertThat(status.status()).isEqualTo(ClawStatus.MODEL_TIMEOUT);
    assertThat(status.message()).isEqualTo("model timeout: no fallback configured");
    assertThat(status.retryable()).isTrue();
    assertThat(scenario.claw().lastFailure().message())
        .isEqualTo("model timeout: no fallback configured");
    assertThat(scenario.tasks()).isEmpty();
  }

  @Test
  void shouldTreatAModelTimeoutErrorLikeATimeoutEvent() {
    ClawScenario scenario = ClawScenario.running();

    scenario.error("agent.model_timeout", "provider idle timeout after 120s");

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.MODEL_TIMEOUT);
  }

  @Test
  void shouldDispatchTheFallbackProfileAsANewAttemptAndShowRecovering() {
    ClawScenario scenario = ClawScenario.running(ClawScenario.FALLBACK);
    UUID firstRun = scenario.runId();

    scenario.modelTimeout();

    assertThat(scenario.tasks())
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.attempt()).isEqualTo(2);
              assertThat(task.modelProfile()).isEqualTo(ClawScenario.FALLBACK);
            });
    assertThat(scenario.cancels())
        .singleElement()
        .satisfies(c -> assertThat(c.runId()).isEqualTo(firstRun));
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RECOVERING);
  }

  @Test
  void shouldEndWithTheOutcomeOfTheFallbackAttempt() {
    ClawScenario scenario = ClawScenario.running(ClawScenario.FALLBACK);
    scenario.modelTimeout();

    scenario.claim(UUID.randomUUID()).start();
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
    scenario.finished(RunOutcome.COMPLETED, null, scenario.now);

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.COMPLETED);
    assertThat(scenario.tasks()).hasSize(1);
    assertThat(scenario.claw().lastFailure().code()).isEqualTo("agent.model_timeout");
  }

  @Test
  void shouldEndInModelTimeoutWhenTheFallbackTimesOutToo() {
    ClawScenario scenario = ClawScenario.running(ClawScenario.FALLBACK);
    scenario.modelTimeout();
    scenario.claim(UUID.randomUUID()).start();

    scenario.modelTimeout();

    assertThat(scenario.tasks()).hasSize(1);
    assertThat(scenario.status().status()).isEqualTo(ClawStatus.MODEL_TIMEOUT);
  }
}
