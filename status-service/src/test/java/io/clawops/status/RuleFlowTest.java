package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.UnknownData;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fold and timer rules (F1, F3, F4, F6), driven through the real topics and REST. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class RuleFlowTest {

  @jakarta.inject.Inject io.agroal.api.AgroalDataSource dataSource;

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldChangeNothingWhenEveryEventIsDeliveredTwice() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder sent = kafka.record(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS)) {
      claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
      claw.toolCall("exec", false, "exec failed: elevated is not available")
          .finished(RunOutcome.COMPLETED, null);
      JsonPath first = StatusApi.awaitClaw(claw.clawId, StatusApi.status("completed"));
      List<Object> timeline = timeline(claw.clawId);

      sent.records().stream()
          .filter(record -> claw.clawId.toString().equals(record.key()))
          .forEach(record -> kafka.publishRaw(record.topic(), record.key(), record.value()));
      Envelope marker =
          Envelope.of(
              claw.clawId,
              "test",
              new UnknownData("test.marker", EnvelopeCodec.mapper().createObjectNode()));
      kafka.publish(Topics.EVENTS, marker);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> timeline(claw.clawId).size() > timeline.size());

      JsonPath again = StatusApi.claw(claw.clawId);
      assertThat(withoutClock(again.getMap(""))).isEqualTo(withoutClock(first.getMap("")));
      assertThat(timeline(claw.clawId)).hasSize(timeline.size() + 1);
    }
  }

  @Test
  void shouldKeepTimedOutWhenACancelArrivesAfterTheDeadline() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);

    claw.finished(RunOutcome.TIMED_OUT, "platform.hard_timeout")
        .finished(RunOutcome.CANCELLED, "platform.cancelled");
    claw.toolCall("exec", false, "aborted");

    JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("timed_out"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StatusApi.claw(claw.clawId)
                    .getList("run.causes.code")
                    .contains("platform.cancelled"));
    assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("timed_out");
    assertThat(record.getString("run.pinnedCause")).isEqualTo("platform.hard_timeout");
  }

  @Test
  void shouldCorrectAProvisionalTimeoutWithACompletionBeforeTheDeadline() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10);
    UUID runId = UUID.randomUUID();
    Instant deadline = Instant.now().plusSeconds(1);
    publishRun(
        claw,
        new io.clawops.contracts.message.RunClaimed(runId, 1, 1, UUID.randomUUID(), "runner-x"));
    publishRun(claw, new RunStarted(runId, 1, 2, ClawStreams.PRIMARY, deadline));

    StatusApi.awaitClaw(claw.clawId, StatusApi.status("timed_out"));
    publishRun(
        claw,
        new RunFinished(
            runId, 1, 3, RunOutcome.COMPLETED, null, null, deadline.minusMillis(300), deadline));

    StatusApi.awaitClaw(claw.clawId, StatusApi.status("completed"));
  }

  @Test
  void shouldRecoverAProvisionDeadlineFailureOnLiveHeartbeats() {
    ClawStreams claw = new ClawStreams(kafka);
    kafka.publish(
        Topics.BOOTSTRAP,
        Envelope.of(
            claw.clawId,
            "test",
            new BootstrapRequested(
                claw.workflowRunId,
                EnvelopeCodec.mapper().valueToTree(Map.of()),
                Instant.now().plusSeconds(1))));
    JsonPath failed = StatusApi.awaitClaw(claw.clawId, StatusApi.status("failed"));
    assertThat(failed.getString("statusReason")).isEqualTo("platform.provision_timeout");

    claw.completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    claw.beat().beat();

    StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));
  }

  @Test
  void shouldNeverRecoverAnEvidenceBasedOutcomeOrARemovedClawOnHeartbeats() {
    Map<String, ClawStreams> settled = new java.util.LinkedHashMap<>();
    for (String outcome : List.of("completed", "timed_out", "cancelled", "removed")) {
      ClawStreams claw = new ClawStreams(kafka);
      claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
      switch (outcome) {
        case "completed" -> claw.finished(RunOutcome.COMPLETED, null);
        case "timed_out" -> claw.finished(RunOutcome.TIMED_OUT, "platform.hard_timeout");
        case "cancelled" -> claw.finished(RunOutcome.CANCELLED, "platform.cancelled");
        default -> {
          StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));
          StatusApi.authorized().delete("/api/claws/" + claw.clawId).then().statusCode(202);
        }
      }
      StatusApi.awaitClaw(claw.clawId, StatusApi.status(outcome));
      settled.put(outcome, claw);
    }

    settled.values().forEach(claw -> claw.beat().beat().beat());
    settled.forEach(
        (outcome, claw) -> {
          int before = timeline(claw.clawId).size();
          claw.modelTimeout();
          await().atMost(Duration.ofSeconds(30)).until(() -> timeline(claw.clawId).size() > before);
        });

    settled.forEach(
        (outcome, claw) ->
            assertThat(StatusApi.claw(claw.clawId).getString("status"))
                .as(outcome)
                .isEqualTo(outcome));
  }

  @Test
  void shouldKeepEventsOfAnOlderAttemptOutOfTheCurrentOne() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10, ClawStreams.FALLBACK);
    claw.running(1, ClawStreams.PRIMARY).modelTimeout();
    UUID firstRun = claw.runId();
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("recovering"));
    claw.running(2, ClawStreams.FALLBACK);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));

    publishRun(
        claw,
        new RunFinished(
            firstRun,
            1,
            50,
            RunOutcome.FAILED,
            "agent.process_failure",
            "late",
            Instant.now(),
            null));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StatusApi.authorized()
                    .get("/api/claws/" + claw.clawId + "/timeline")
                    .jsonPath()
                    .getList("items.stale", Boolean.class)
                    .contains(true));
    assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("running");
  }

  @Test
  void shouldBoundTheTimelineOfAChattyClaw() throws Exception {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested();
    for (int i = 0; i < 620; i++) {
      kafka.publish(
          Topics.EVENTS,
          Envelope.of(
              claw.clawId,
              "test",
              new UnknownData("test.noise", EnvelopeCodec.mapper().createObjectNode())));
    }
    Envelope last =
        Envelope.of(
            claw.clawId,
            "test",
            new UnknownData("test.last", EnvelopeCodec.mapper().createObjectNode()));
    kafka.publish(Topics.EVENTS, last);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> timeline(claw.clawId).toString().contains("test.last"));
    try (java.sql.Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM claw_timeline WHERE claw_id = ?")) {
      count.setObject(1, claw.clawId);
      try (java.sql.ResultSet rows = count.executeQuery()) {
        rows.next();
        // Pruned back to the limit (500) and less than a chunk (50 lines) more, at least every
        // 50 lines.
        assertThat(rows.getInt(1)).isBetween(500, 599);
      }
    }
    assertThat(timeline(claw.clawId)).hasSize(200);
  }

  private void publishRun(ClawStreams claw, io.clawops.contracts.message.MessageData data) {
    kafka.publish(Topics.EVENTS, Envelope.of(claw.clawId, "test", data));
  }

  private static List<Object> timeline(UUID clawId) {
    return StatusApi.authorized()
        .get("/api/claws/" + clawId + "/timeline")
        .jsonPath()
        .getList("items");
  }

  private static Map<String, Object> withoutClock(Map<String, Object> record) {
    Map<String, Object> copy = new java.util.HashMap<>(record);
    copy.remove("updatedAt");
    copy.remove("evidenceAgeSeconds");
    copy.remove("connection");
    copy.remove("conditions");
    return copy;
  }
}
