package io.clawops.e2e.agents;

import static io.clawops.e2e.agents.AgentClaws.assertCondition;
import static io.clawops.e2e.agents.AgentClaws.assertKeyNowhere;
import static io.clawops.e2e.agents.AgentClaws.claw;
import static io.clawops.e2e.agents.AgentClaws.entries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.e2e.system.AgentRuntimes;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Claude Code CLI (the pinned npm package) under ClawOps, talking to the scripted model
 * provider: the failure stories with the CLI's own signals.
 */
@EndToEnd
class ClaudeCodeIT {

  private static final String RUNTIME = "claude-code";

  private final ClawOpsSystem system;

  ClaudeCodeIT(ClawOpsSystem system) {
    this.system = system;
  }

  @BeforeEach
  void requireClaude() {
    AgentClaws.requireInstalled("claude");
  }

  @Test
  void shouldCompleteAHealthyRunWithItsToolCallsOnTheTimeline() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-healthy", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "completed");

    List<JsonNode> timeline = system.api().timeline(clawId);
    assertThat(entries(timeline, "run.tool_use"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("Bash"));
    assertThat(entries(timeline, "run.tool_result")).isNotEmpty();
    assertThat(entries(timeline, "run.model")).isNotEmpty();
    assertCondition(claw, "ModelResponsive", "True", "");
  }

  @Test
  void shouldCorrectTheRefusedSudoLoopWithAHubMessageTheAgentReads() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-sudo-loop", 60)).clawId();

    JsonNode claw = system.api().awaitStatus(clawId, "completed");

    // Claude Code denied `sudo make install` (disallowed tool); L1 sent one message, delivered on
    // the CLI's stdin as a user message, and the model changed course (the provider's script).
    JsonNode messages = claw.get("hubMessages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("delivered").asBoolean()).as(messages.toString()).isTrue();
    assertThat(messages.get(0).path("outcome").asText()).isEqualTo("loop_recovered");
    assertThat(entries(system.api().timeline(clawId), "run.tool_result"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("elevated is not available"));
  }

  @Test
  void shouldFallBackToTheNextModelWhenTheStreamGoesSilent() {
    UUID clawId =
        system
            .api()
            .create(
                claw(RUNTIME, "scripted-silent", 12)
                    .modelProfile("fallback", "scripted-healthy", 60))
            .clawId();

    JsonNode claw =
        system
            .api()
            .awaitClaw(
                clawId,
                record -> {
                  assertThat(record.path("status").asText()).isEqualTo("completed");
                  assertThat(record.at("/run/attempt").asInt()).isEqualTo(2);
                });

    assertThat(claw.at("/run/modelProfile/model").asText()).isEqualTo("scripted-healthy");
    assertThat(entries(system.api().timeline(clawId), "run.error"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("agent.model_timeout"));
  }

  @Test
  void shouldShowTheRateLimitWhileTheCliRetriesThenEndInAModelTimeout() {
    UUID clawId = system.api().create(claw(RUNTIME, "scripted-429", 15)).clawId();

    JsonNode retrying =
        system
            .api()
            .awaitClaw(
                clawId,
                record -> {
                  assertThat(record.path("status").asText()).isEqualTo("running");
                  assertCondition(record, "ModelResponsive", "False", "agent.provider_rate_limit");
                });
    assertThat(entries(system.api().timeline(clawId), "run.model"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("retry"));

    JsonNode claw = system.api().awaitStatus(clawId, "model_timeout");

    assertThat(claw.path("retryable").asBoolean()).isTrue();
    assertThat(retrying.toString()).doesNotContain(AgentRuntimes.FAKE_API_KEY);
    assertThat(entries(system.api().timeline(clawId), "run.error"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("agent.provider_rate_limit"));
  }

  @Test
  void shouldShowTheOverloadWhileTheCliRetriesThenFallBack() {
    UUID clawId =
        system
            .api()
            .create(
                claw(RUNTIME, "scripted-529", 12).modelProfile("fallback", "scripted-healthy", 60))
            .clawId();

    system
        .api()
        .awaitClaw(
            clawId,
            record ->
                assertCondition(record, "ModelResponsive", "False", "agent.provider_server_error"));
    JsonNode claw =
        system
            .api()
            .awaitClaw(
                clawId,
                record -> {
                  assertThat(record.path("status").asText()).isEqualTo("completed");
                  assertThat(record.at("/run/attempt").asInt()).isEqualTo(2);
                });
    assertCondition(claw, "ModelResponsive", "True", "");
  }

  @Test
  void shouldFailFastOnARejectedKeyAndNeverLeakIt() {
    try (TopicRecorder everything = system.kafka().record(Topics.ALL.toArray(String[]::new))) {
      UUID clawId = system.api().create(claw(RUNTIME, "scripted-401", 60)).clawId();

      JsonNode claw = system.api().awaitStatus(clawId, "failed");

      assertThat(claw.path("statusReason").asText()).isEqualTo("agent.provider_auth");
      assertThat(claw.path("retryable").asBoolean()).isFalse();
      assertThat(ClawRecords.text(claw, "/lastFailure/remediation")).contains("API key");
      assertKeyNowhere(system, clawId);
      for (ConsumedRecord record : everything.records()) {
        assertThat(record.value()).doesNotContain(AgentRuntimes.FAKE_API_KEY);
      }
    }
  }
}
