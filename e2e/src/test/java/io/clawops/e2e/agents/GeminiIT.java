package io.clawops.e2e.agents;

import static io.clawops.e2e.agents.AgentClaws.assertKeyNowhere;
import static io.clawops.e2e.agents.AgentClaws.awaitCapabilityStopWithUndeliveredMessage;
import static io.clawops.e2e.agents.AgentClaws.claw;
import static io.clawops.e2e.agents.AgentClaws.entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.EndToEnd;
import java.util.List;
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

    // The claw has no elevatedExec: the launch's policy denies only sudo/su, other commands run.
    List<JsonNode> timeline = system.api().timeline(clawId);
    assertThat(entries(timeline, "run.tool_use"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("run_shell_command"));
    assertThat(entries(timeline, "run.tool_result"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.toString()).contains("run_shell_command ok"));
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
  void shouldStopTheSudoLoopTheLaunchPolicyRefusesOnceTheMessageCannotBeDelivered() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-sudo-loop", 60)).clawId();

    // The launch's policy file denies `sudo` (policy_violation): L1. Its message cannot reach
    // `gemini -p` (no input mid-run), so the claw goes on to L1's stop; Gemini's own loop
    // detector is off, so it cannot end the run "success" first.
    awaitCapabilityStopWithUndeliveredMessage(system, clawId);
    assertThat(entries(system.api().timeline(clawId), "run.tool_result"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("denied by policy"));
  }
}
