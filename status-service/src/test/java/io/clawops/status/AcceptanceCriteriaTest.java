package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three acceptance criteria of the original report, driven through topics and REST only. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class AcceptanceCriteriaTest {

  private static final String ELEVATED = "exec failed: elevated is not available";

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldShowWorkspaceIncompleteAndNeverRunningForAMissingRequiredRepository() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder status = kafka.record(Topics.STATUS)) {
      claw.requested()
          .step(
              "repositories_cloned",
              StepOutcome.FAILED,
              "platform.repo_clone_failed",
              "repository app not found")
          .step(
              "repositories_verified",
              StepOutcome.FAILED,
              "platform.repo_missing",
              "app missing at app")
          .completed(
              false, "platform.repo_missing", "required repository app is missing at path app");

      JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("workspace_incomplete"));
      assertThat(record.getString("statusMessage")).contains("required repository app");
      assertThat(record.getString("lastFailure.code")).isEqualTo("platform.repo_missing");
      assertThat(record.getString("lastFailure.remediation")).isNotBlank();
      assertThat(record.getString("lifecycle")).isNotEqualTo("running");
      assertThat(record.getList("bootstrap.step")).contains("repositories_verified");
      status.awaitEnvelope(
          e -> e.clawId().equals(claw.clawId) && isStatus(e, "workspace_incomplete"));
      assertThat(status.envelopes())
          .filteredOn(e -> e.clawId().equals(claw.clawId))
          .noneMatch(e -> isStatus(e, "running"));
    }
  }

  @Test
  void shouldInjectACorrectiveMessageForRepeatedElevatedFailuresAndBlockWhenItPersists() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder commands = kafka.record(Topics.COMMANDS)) {
      claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
      claw.toolCall("exec", false, ELEVATED).toolCall("exec", false, ELEVATED);

      Envelope inject =
          commands.awaitEnvelope(
              e -> e.clawId().equals(claw.clawId) && e.data() instanceof CommandInjectMessage);
      CommandInjectMessage message = (CommandInjectMessage) inject.data();
      assertThat(message.runId()).isEqualTo(claw.runId());
      assertThat(message.text()).contains("Elevated execution is not available");
      StatusApi.awaitClaw(claw.clawId, StatusApi.status("recovering"));

      claw.delivered(message.commandId()).toolCall("exec", false, ELEVATED);

      JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("tool_blocked"));
      assertThat(record.getString("statusReason")).isEqualTo("platform.capability_missing");
      assertThat(record.getString("hubMessages[0].outcome")).isEqualTo("loop_persisted");
      commands.awaitEnvelope(
          e ->
              e.clawId().equals(claw.clawId)
                  && e.data() instanceof CommandCancel cancel
                  && claw.runId().equals(cancel.runId()));
      List<String> timeline =
          StatusApi.authorized()
              .get("/api/claws/" + claw.clawId + "/timeline")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.summary");
      assertThat(timeline).anyMatch(line -> line.contains("Elevated execution is not available"));
    }
  }

  @Test
  void shouldPreserveModelTimeoutWithNoFallbackAsRetryable() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);

    claw.modelTimeout().finished(RunOutcome.FAILED, "agent.process_failure");

    JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("model_timeout"));
    assertThat(record.getBoolean("retryable")).isTrue();
    assertThat(record.getString("statusMessage"))
        .isEqualTo("model timeout: no fallback configured");
    assertThat(record.getString("lastFailure.message"))
        .isEqualTo("model timeout: no fallback configured");
    assertThat(record.getString("run.pinnedCause")).isEqualTo("agent.model_timeout");
  }

  private static boolean isStatus(Envelope envelope, String status) {
    return envelope.data() instanceof StatusChanged changed
        && changed.status().wire().equals(status);
  }
}
