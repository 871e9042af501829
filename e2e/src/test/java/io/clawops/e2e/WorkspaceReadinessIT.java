package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.testkit.TopicRecorder;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The readiness gate (F8) across real services: a claw missing a required repository never runs.
 */
@EndToEnd
class WorkspaceReadinessIT {

  private final ClawOpsSystem system;

  WorkspaceReadinessIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  @RecordFixture("workspace-incomplete")
  void shouldReportWorkspaceIncompleteAndNeverStartTheAgentWhenARequiredRepositoryIsMissing() {
    String promptMarker = "PROMPT-" + UUID.randomUUID();
    ClawRequest request =
        ClawRequest.scenario("healthy")
            .prompt("scenario: healthy\nRefactor the docs, see " + promptMarker + "\n")
            .repository(system.git().create("app"), "app", true)
            .repository(system.git().missing("docs"), "docs", true);
    try (TopicRecorder topics =
        system.kafka().record(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS)) {
      UUID clawId = system.api().create(request).clawId();

      JsonNode claw = system.api().awaitStatus(clawId, "workspace_incomplete");

      assertThat(claw.get("statusReason").asText()).isEqualTo("platform.repo_missing");
      assertThat(claw.get("retryable").asBoolean()).isFalse();
      String message = claw.get("statusMessage").asText();
      // Actionable: which repository, where, and what to check; sanitized: one short line, no
      // prompt text.
      assertThat(message)
          .contains("required repository 'docs'", "path 'docs'", "check that the URL is right")
          .doesNotContain(promptMarker)
          .doesNotContain("\n");
      assertThat(message.length()).isLessThanOrEqualTo(300);
      assertThat(claw.at("/lastFailure/code").asText()).isEqualTo("platform.repo_missing");
      assertThat(claw.at("/lastFailure/remediation").asText()).isNotBlank();
      assertThat(ClawRecords.step(claw, "repositories_verified").get("outcome").asText())
          .isEqualTo("failed");
      assertThat(ClawRecords.condition(claw, "WorkspaceReady").get("status").asText())
          .isEqualTo("False");
      assertThat(claw.get("runs")).isEmpty();

      topics.awaitEnvelope(Envelopes.of(clawId, BootstrapCompleted.TYPE));
      // The task would follow bootstrap.completed at once: a quiet while proves there is none.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  Envelopes.select(topics, clawId, TaskDispatched.TYPE).isEmpty()
                      && Envelopes.select(topics, clawId, RunClaimed.TYPE).isEmpty());
    }
  }
}
