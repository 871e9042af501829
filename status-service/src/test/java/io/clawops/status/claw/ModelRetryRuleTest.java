package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunModel;
import org.junit.jupiter.api.Test;

/** A provider retry notice ({@code run.model} retry) while the agent retries on its own. */
class ModelRetryRuleTest {

  @Test
  void shouldKeepTheRunRunningAndRememberTheProviderReason() {
    ClawScenario scenario = ClawScenario.running();

    scenario.apply(retry(scenario, 3, "agent.provider_rate_limit"));

    assertThat(scenario.status().status()).isEqualTo(ClawStatus.RUNNING);
    assertThat(scenario.claw().currentRun().pinnedCause).isNull();
    assertThat(scenario.claw().currentRun().modelRetry.code())
        .isEqualTo("agent.provider_rate_limit");
  }

  @Test
  void shouldClearTheRetryWhenTheModelAnswersAgain() {
    ClawScenario scenario = ClawScenario.running();
    scenario.apply(retry(scenario, 3, "agent.provider_server_error"));

    scenario.apply(
        new RunModel(
            scenario.runId(), scenario.attempt(), 4, ModelPhase.RESPONSE, "minimax-m2", null));

    assertThat(scenario.claw().currentRun().modelRetry).isNull();
  }

  @Test
  void shouldReadAnUnknownReasonAsAServerError() {
    ClawScenario scenario = ClawScenario.running();

    scenario.apply(retry(scenario, 3, "agent.teapot"));

    assertThat(scenario.claw().currentRun().modelRetry.code())
        .isEqualTo("agent.provider_server_error");
  }

  private static RunModel retry(ClawScenario scenario, long seq, String reason) {
    return new RunModel(
        scenario.runId(), scenario.attempt(), seq, ModelPhase.RETRY, "minimax-m2", null, reason);
  }
}
