package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** New attempts: fallback profiles (M2), operator retry, and re-dispatch of a lost run. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class RecoveryFlowTest {

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldDispatchTheFallbackProfileThenShowTheOutcomeOfThatAttempt() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder tasks = kafka.record(Topics.TASKS)) {
      claw.requested().completed(true, null, null).dispatched(10, ClawStreams.FALLBACK);
      claw.running(1, ClawStreams.PRIMARY).modelTimeout();

      TaskDispatched fallback = awaitTask(tasks, claw, 2);
      assertThat(fallback.modelProfile()).isEqualTo(ClawStreams.FALLBACK);
      StatusApi.awaitClaw(claw.clawId, StatusApi.status("recovering"));

      claw.running(2, ClawStreams.FALLBACK).finished(RunOutcome.COMPLETED, null);

      JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("completed"));
      assertThat(record.getInt("run.attempt")).isEqualTo(2);
      assertThat(record.getString("run.modelProfile.name")).isEqualTo("fallback");
      assertThat(record.getList("runs")).hasSize(2);
    }
  }

  @Test
  void shouldStartANewAttemptOnRetryAndRefuseASecondWhileRecovering() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder tasks = kafka.record(Topics.TASKS)) {
      claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
      claw.modelTimeout().finished(RunOutcome.FAILED, "agent.process_failure");
      StatusApi.awaitClaw(claw.clawId, StatusApi.status("model_timeout"));

      StatusApi.authorized().post("/api/claws/" + claw.clawId + "/retry").then().statusCode(202);
      StatusApi.authorized()
          .post("/api/claws/" + claw.clawId + "/retry")
          .then()
          .statusCode(409)
          .contentType("application/problem+json");

      assertThat(awaitTask(tasks, claw, 2).modelProfile()).isEqualTo(ClawStreams.PRIMARY);
      assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("recovering");
    }
  }

  @Test
  void shouldKeepModelTimeoutWithConnectionOfflineWhenTheRunnerDrops() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(1).running(1, ClawStreams.PRIMARY);
    claw.beat().modelTimeout();

    // Offline alone is also how a claw reads before its run is folded (no evidence yet).
    JsonPath record =
        StatusApi.awaitClaw(
            claw.clawId,
            json ->
                "offline".equals(json.getString("connection"))
                    && "agent.model_timeout".equals(json.getString("lastFailure.code")));

    assertThat(record.getString("status")).isEqualTo("model_timeout");
    assertThat(record.getString("lastFailure.code")).isEqualTo("agent.model_timeout");
  }

  @Test
  void shouldRedispatchALostRunAsAttemptTwoAndFenceTheOldRun() {
    ClawStreams claw = new ClawStreams(kafka);
    try (TopicRecorder tasks = kafka.record(Topics.TASKS);
        TopicRecorder commands = kafka.record(Topics.COMMANDS)) {
      claw.requested().completed(true, null, null).dispatched(1).running(1, ClawStreams.PRIMARY);
      claw.beat();
      var lostRun = claw.runId();

      StatusApi.awaitClaw(claw.clawId, StatusApi.status("offline"));
      TaskDispatched second = awaitTask(tasks, claw, 2);

      assertThat(second.modelProfile()).isEqualTo(ClawStreams.PRIMARY);
      commands.awaitEnvelope(
          e ->
              e.clawId().equals(claw.clawId)
                  && e.data() instanceof CommandCancel c
                  && lostRun.equals(c.runId()));
      JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("recovering"));
      assertThat(record.getString("lastFailure.code")).isEqualTo("platform.runner_lost");
    }
  }

  private static TaskDispatched awaitTask(TopicRecorder tasks, ClawStreams claw, int attempt) {
    Envelope envelope =
        tasks.awaitEnvelope(
            e ->
                e.clawId().equals(claw.clawId)
                    && e.data() instanceof TaskDispatched task
                    && task.attempt() == attempt);
    return (TaskDispatched) envelope.data();
  }
}
