package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /api/claws/{id}/retry: a timed_out claw retried on the operator's word, with a larger run
 * budget when asked; invalid bodies answered 400 with field errors; every refusal a 409 saying why.
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class RetryApiTest {

  private final ClawKafka kafka = ClawKafka.shared();

  private ClawStreams timedOut() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    claw.finished(RunOutcome.TIMED_OUT, ReasonCode.HARD_TIMEOUT.code());
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("timed_out"));
    return claw;
  }

  @Test
  void shouldPublishTheNextAttemptWithTheLargerRunBudgetWhenATimedOutClawIsRetried() {
    ClawStreams claw = timedOut();
    JsonPath record = StatusApi.claw(claw.clawId);
    assertThat(record.getBoolean("retryable")).isFalse();
    JsonPath actions = actions(claw);
    assertThat(actions.getBoolean("retry.allowed")).isTrue();

    try (TopicRecorder tasks = kafka.record(Topics.TASKS)) {
      retry(claw, "{\"runSeconds\": 7200}").then().statusCode(202);

      TaskDispatched next = awaitTask(tasks, claw, 2);
      assertThat(next.timeouts().runSeconds()).isEqualTo(7200);
      assertThat(next.timeouts().heartbeatSeconds()).isEqualTo(10);
      assertThat(next.modelProfile()).isEqualTo(ClawStreams.PRIMARY);
    }
    JsonPath recovering = StatusApi.awaitClaw(claw.clawId, StatusApi.status("recovering"));
    assertThat(recovering.getString("statusMessage"))
        .isEqualTo("retry requested with profile primary and runSeconds 7200");
  }

  @Test
  void shouldKeepTheRunBudgetWhenATimedOutClawIsRetriedWithoutOne() {
    ClawStreams claw = timedOut();

    try (TopicRecorder tasks = kafka.record(Topics.TASKS)) {
      retry(claw, null).then().statusCode(202);

      TaskDispatched next = awaitTask(tasks, claw, 2);
      assertThat(next.timeouts().runSeconds()).isEqualTo(3600);
    }
  }

  @Test
  void shouldAnswer400NamingRunSecondsWhenItIsInvalid() {
    ClawStreams claw = timedOut();
    Map<String, String> invalid = new LinkedHashMap<>();
    invalid.put("0", "must be a positive integer");
    invalid.put("-5", "must be a positive integer");
    invalid.put("604801", "must be at most 604800");
    invalid.put("\"7200\"", "must be an integer");
    invalid.put("1.5", "must be an integer");

    invalid.forEach(
        (value, message) ->
            retry(claw, "{\"runSeconds\": " + value + "}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("runSeconds"))
                .body("errors.message", hasItem(message)));
    retry(claw, "{\"profile\": 3, \"runSeconds\": 0}")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.contains("profile", "runSeconds"));
    retry(claw, "[1]").then().statusCode(400).body("errors.field", hasItem("body"));

    // Nothing was retried: the claw still reads timed out.
    assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("timed_out");
  }

  @Test
  void shouldSayWhyInTheProblemBodyOfEveryRefusedRetry() {
    Map<String, ClawStreams> claws = new LinkedHashMap<>();
    claws.put("provisioning", new ClawStreams(kafka).requested());
    claws.put(
        "ready", new ClawStreams(kafka).requested().completed(true, null, null).dispatched(10));
    claws.put("running", started());
    claws.put("completed", started().finished(RunOutcome.COMPLETED, null));
    claws.put("cancelled", started().finished(RunOutcome.CANCELLED, "platform.cancelled"));
    claws.put("failed", started().finished(RunOutcome.FAILED, "agent.provider_auth"));
    claws.put("removed", started());
    ClawStreams recovering =
        new ClawStreams(kafka)
            .requested()
            .completed(true, null, null)
            .dispatched(10, ClawStreams.FALLBACK)
            .running(1, ClawStreams.PRIMARY)
            .modelTimeout();
    claws.put("recovering", recovering);
    StatusApi.awaitClaw(claws.get("removed").clawId, StatusApi.status("running"));
    StatusApi.authorized()
        .delete("/api/claws/" + claws.get("removed").clawId)
        .then()
        .statusCode(202);

    Map<String, String> why = new LinkedHashMap<>();
    why.put("provisioning", "the claw is provisioning; nothing to retry before its checklist ends");
    why.put("ready", "the claw is ready: attempt 1 waits for a runner; nothing to retry");
    why.put("running", "the claw is running; nothing to retry");
    why.put("completed", "the claw completed; nothing to retry");
    why.put("cancelled", "the claw was cancelled on request; create a new claw to rerun");
    why.put(
        "failed",
        "reason agent.provider_auth is not retryable: " + ReasonCode.PROVIDER_AUTH.remediation());
    why.put("removed", "the claw was removed; a removed claw is never retried");
    why.put(
        "recovering",
        "a recovery is in flight: model timeout on primary; retrying with fallback fallback;"
            + " wait until its attempt has settled");

    claws.forEach(
        (status, claw) -> {
          StatusApi.awaitClaw(claw.clawId, StatusApi.status(status));
          retry(claw, null)
              .then()
              .statusCode(409)
              .contentType("application/problem+json")
              .body("title", org.hamcrest.Matchers.equalTo("Action refused"))
              .body("detail", org.hamcrest.Matchers.equalTo(why.get(status)));
          assertThat(actions(claw).getString("retry.refusal"))
              .as(status)
              .isEqualTo(why.get(status));
        });
  }

  @Test
  void shouldRefuseARunBudgetWhenTheRetryReRunsTheChecklist() {
    ClawStreams claw =
        new ClawStreams(kafka)
            .requested()
            .completed(false, "platform.credentials_missing", "no secret demo-token");
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("bootstrap_failed"));

    retry(claw, "{\"runSeconds\": 600}")
        .then()
        .statusCode(409)
        .body(
            "detail",
            org.hamcrest.Matchers.equalTo(
                "the claw is bootstrap_failed: a retry re-runs the bootstrap checklist, which"
                    + " takes no runSeconds"));
    retry(claw, null).then().statusCode(202);
  }

  private ClawStreams started() {
    return new ClawStreams(kafka)
        .requested()
        .completed(true, null, null)
        .dispatched(10)
        .running(1, ClawStreams.PRIMARY);
  }

  private static io.restassured.response.Response retry(ClawStreams claw, String body) {
    var request = StatusApi.authorized();
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.post("/api/claws/" + claw.clawId + "/retry");
  }

  private static JsonPath actions(ClawStreams claw) {
    return StatusApi.authorized()
        .get("/api/claws/" + claw.clawId + "/actions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
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
