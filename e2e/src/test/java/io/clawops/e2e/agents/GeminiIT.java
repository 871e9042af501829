package io.clawops.e2e.agents;

import static io.clawops.e2e.agents.AgentClaws.assertKeyNowhere;
import static io.clawops.e2e.agents.AgentClaws.claw;
import static io.clawops.e2e.agents.AgentClaws.entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.EndToEnd;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Gemini CLI ({@code gemini -p --output-format stream-json}) under ClawOps against the
 * scripted provider.
 */
@EndToEnd
class GeminiIT {

  private static final String RUNTIME = "gemini";

  private final ClawOpsSystem system;

  GeminiIT(ClawOpsSystem system) {
    this.system = system;
  }

  @BeforeEach
  void requireGemini() {
    AgentClaws.requireInstalled("gemini");
  }

  @Test
  void shouldCompleteAHealthyRunWithItsCommandOnTheTimeline() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-healthy", 60)).clawId();

    system.api().awaitStatus(clawId, "completed");

    assertThat(entries(system.api().timeline(clawId), "run.tool_use"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("run_shell_command"));
  }

  @Test
  void shouldFailFastOnARejectedKeyThatTheProviderEchoes() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-401", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "failed");

    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.provider_auth");
    assertThat(claw.path("retryable").asBoolean()).isFalse();
    assertKeyNowhere(system, clawId);
  }

  @Test
  void shouldEndInAModelTimeoutWhenTheStreamGoesSilent() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-silent", 12)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "model_timeout");

    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.model_timeout");
    assertThat(claw.path("retryable").asBoolean()).isTrue();
  }

  @Test
  void shouldEndARateLimitedRunInAModelTimeoutSinceGeminiRetriesSilently() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-429", 8)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "model_timeout");

    // Gemini CLI retries 429s without a line: all ClawOps sees is a model that does not answer
    // for idleTimeoutSeconds, the M1 path (no fallback profile here).
    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.model_timeout");
    assertThat(claw.path("retryable").asBoolean()).isTrue();
  }

  @Test
  void shouldEndAnOverloadedRunInAModelTimeoutSinceGeminiRetriesSilently() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-529", 8)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "model_timeout");

    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.model_timeout");
    assertThat(claw.path("retryable").asBoolean()).isTrue();
  }

  @Test
  void shouldSeeTheRefusedSudoLoopOnTheTimeline() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-sudo-loop", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "completed");

    // Without elevatedExec Gemini CLI gets no shell tool: each `sudo make install` call fails
    // ("Tool run_shell_command not found"), and Gemini's own loop detector ends the run with a
    // success result before ClawOps' L2 count is reached.
    assertThat(entries(system.api().timeline(clawId), "run.tool_result"))
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(entry -> assertThat(entry.toString()).contains("\"ok\":false"));
  }
}
