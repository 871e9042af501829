package io.clawops.e2e.agents;

import static io.clawops.e2e.agents.AgentClaws.assertCondition;
import static io.clawops.e2e.agents.AgentClaws.assertKeyNowhere;
import static io.clawops.e2e.agents.AgentClaws.awaitCapabilityStopWithUndeliveredMessage;
import static io.clawops.e2e.agents.AgentClaws.claw;
import static io.clawops.e2e.agents.AgentClaws.entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.EndToEnd;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Codex CLI ({@code codex exec --json}) under ClawOps against the scripted provider. */
@EndToEnd
class CodexIT {

  private static final String RUNTIME = "codex";

  private final ClawOpsSystem system;

  CodexIT(ClawOpsSystem system) {
    this.system = system;
  }

  @BeforeEach
  void requireCodex() {
    AgentClaws.requireInstalled("codex");
  }

  @Test
  void shouldCompleteAHealthyRunWithItsCommandOnTheTimeline() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-healthy", 60)).clawId();

    system.api().awaitStatus(clawId, "completed");

    assertThat(entries(system.api().timeline(clawId), "run.tool_use"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("exec"));
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
  void shouldFailWithTheRateLimitOnceCodexGivesUpRetrying() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-429", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "failed");

    // Codex retries 429s inside one request and ends with "exceeded retry limit, last status:
    // 429" (turn.failed): the provider's reason, retryable, with its remediation.
    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.provider_rate_limit");
    assertThat(claw.path("retryable").asBoolean()).isTrue();
    assertThat(ClawRecords.text(claw, "/lastFailure/remediation")).contains("quota");
  }

  @Test
  void shouldShowTheOverloadRetriesThenFailWithTheServerError() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-529", 60)).clawId();

    // "Reconnecting... n/5 (unexpected status 503 …)" lines are retries on the timeline and turn
    // ModelResponsive False while Codex retries; then it gives up with the same status.
    system
        .api()
        .awaitClaw(
            clawId,
            record ->
                assertCondition(record, "ModelResponsive", "False", "agent.provider_server_error"));
    JsonNode claw = system.api().awaitStatus(clawId, "failed");

    assertThat(claw.path("statusReason").asText()).isEqualTo("agent.provider_server_error");
    assertThat(claw.path("retryable").asBoolean()).isTrue();
    assertThat(ClawRecords.text(claw, "/lastFailure/remediation")).contains("fallback");
    assertThat(entries(system.api().timeline(clawId), "run.model"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("retry"));
  }

  @Test
  void shouldStopTheRefusedSudoLoopOnceTheMessageCannotBeDelivered() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-sudo-loop", 60)).clawId();

    // The failed `sudo make install` reads as elevated execution denied (L1); the corrective hub
    // message cannot reach `codex exec` (no input mid-run), so the runner reports it undelivered
    // and the status-service goes on to L1's stop without waiting for an answer.
    awaitCapabilityStopWithUndeliveredMessage(system, clawId);
  }
}
