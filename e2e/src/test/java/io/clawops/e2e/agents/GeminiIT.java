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
  void shouldSeeTheSudoLoopAsL2SinceGeminiReportsNoDenial() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-sudo-loop", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "completed");

    // Gemini CLI 0.61.0 (-p, yolo) does not refuse `sudo make install` although the launch
    // excludes run_shell_command(sudo): each call comes back a successful tool result, so there is
    // no denial and no L1. The same call with the same result again is L2; its message cannot
    // reach Gemini (no input mid-run), and Gemini's own loop detector ends the run (README).
    assertThat(entries(system.api().timeline(clawId), "run.tool_result"))
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.toString()).contains("run_shell_command ok"));
    JsonNode messages = claw.get("hubMessages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("rule").asText()).isEqualTo("L2");
    assertThat(messages.get(0).path("delivered").asBoolean()).as(messages.toString()).isFalse();
  }
}
