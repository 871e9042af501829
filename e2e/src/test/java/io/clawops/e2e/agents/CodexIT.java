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
}
