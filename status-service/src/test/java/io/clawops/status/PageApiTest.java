package io.clawops.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the operator page needs from the API: sign-in, counts, filters, view fields, actions. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class PageApiTest {

  private final ClawKafka kafka = ClawKafka.shared();

  @Inject AgroalDataSource dataSource;

  @Test
  void shouldExchangeTheTokenForAnHttpOnlyStrictSessionCookie() {
    Response signIn =
        given()
            .contentType("application/json")
            .body("{\"token\": \"test-token\"}")
            .post("/api/session");

    assertThat(signIn.statusCode()).isEqualTo(204);
    Cookie cookie = signIn.getDetailedCookie("clawops_session");
    assertThat(cookie).isNotNull();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat(cookie.getPath()).isEqualTo("/api");
    assertThat(cookie.getValue()).doesNotContain("test-token");
    given().cookie("clawops_session", cookie.getValue()).get("/api/session").then().statusCode(200);
    given().cookie("clawops_session", cookie.getValue()).get("/api/claws").then().statusCode(200);
    // A change through the cookie alone needs the page's header.
    String claw = "/api/claws/" + UUID.randomUUID() + "/cancel";
    given().cookie("clawops_session", cookie.getValue()).post(claw).then().statusCode(401);
    given()
        .cookie("clawops_session", cookie.getValue())
        .header("X-ClawOps-Page", "1")
        .post(claw)
        .then()
        .statusCode(404);
  }

  @Test
  void shouldRefuseAWrongTokenWithAClearMessageAndSignOut() {
    given()
        .contentType("application/json")
        .body("{\"token\": \"not-it\"}")
        .post("/api/session")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("title", equalTo("Wrong token"));
    given().body("token=test-token").post("/api/session").then().statusCode(400);
    given().get("/api/session").then().statusCode(401);

    // Signing out needs the session it ends.
    given().delete("/api/session").then().statusCode(401);
    String session =
        given()
            .contentType("application/json")
            .body("{\"token\": \"test-token\"}")
            .post("/api/session")
            .then()
            .statusCode(204)
            .extract()
            .cookie("clawops_session");
    given().cookie("clawops_session", session).delete("/api/session").then().statusCode(401);

    Response signOut =
        given()
            .cookie("clawops_session", session)
            .header("X-ClawOps-Page", "1")
            .delete("/api/session");

    assertThat(signOut.statusCode()).isEqualTo(204);
    assertThat(signOut.getDetailedCookie("clawops_session").getMaxAge()).isZero();
  }

  @Test
  void shouldFilterByRunnerAndCountPerStatus() {
    ClawStreams running = new ClawStreams(kafka);
    running.requested().dispatched(60).running(1, ClawStreams.PRIMARY);
    ClawStreams waiting = new ClawStreams(kafka, running.workflowRunId);
    waiting.requested();
    StatusApi.awaitClaw(running.clawId, StatusApi.status("running"));
    StatusApi.awaitClaw(waiting.clawId, StatusApi.status("provisioning"));

    List<String> onRunner =
        list("workflowRunId=" + running.workflowRunId + "&runnerId=runner-test")
            .getList("items.clawId");
    JsonPath counts =
        StatusApi.authorized()
            .get("/api/claws/counts?workflowRunId=" + running.workflowRunId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(onRunner).containsExactly(running.clawId.toString());
    assertThat(list("workflowRunId=" + running.workflowRunId + "&runnerId=other").getList("items"))
        .isEmpty();
    assertThat(counts.getLong("counts.running")).isEqualTo(1);
    assertThat(counts.getLong("counts.provisioning")).isEqualTo(1);
    assertThat(counts.getLong("total")).isEqualTo(2);
  }

  @Test
  void shouldListAsStuckOnlyMovingClawsLongInTheirStatus() throws Exception {
    ClawStreams old = new ClawStreams(kafka);
    old.requested();
    ClawStreams fresh = new ClawStreams(kafka, old.workflowRunId);
    fresh.requested();
    ClawStreams failed = new ClawStreams(kafka, old.workflowRunId);
    failed.requested().completed(false, "platform.repo_missing", "repository app not found");
    StatusApi.awaitClaw(old.clawId, StatusApi.status("provisioning"));
    StatusApi.awaitClaw(fresh.clawId, StatusApi.status("provisioning"));
    StatusApi.awaitClaw(failed.clawId, StatusApi.status("workspace_incomplete"));
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(20));
    // As if 20 minutes had passed for two of them: the stored time they entered their status.
    enteredStatusAt(old.clawId, longAgo);
    enteredStatusAt(failed.clawId, longAgo);

    JsonPath stuck = list("workflowRunId=" + old.workflowRunId + "&stuckMinutes=10");

    assertThat(stuck.getList("items.clawId")).containsExactly(old.clawId.toString());
    assertThat(Instant.parse(stuck.getString("items[0].statusSince"))).isEqualTo(longAgo);
    assertThat(list("workflowRunId=" + old.workflowRunId + "&stuckMinutes=30").getList("items"))
        .isEmpty();
    StatusApi.authorized()
        .get("/api/claws?stuckMinutes=0")
        .then()
        .statusCode(400)
        .body("detail", equalTo("stuckMinutes: must be a number from 1 to 10080"));
  }

  @Test
  void shouldShowMaxAttemptsAndWhenTheClawEnteredItsStatus() {
    Instant before = Instant.now().minusSeconds(1);
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().dispatched(60).running(1, ClawStreams.PRIMARY);

    JsonPath record = StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));

    assertThat(record.getInt("maxAttempts")).isEqualTo(3);
    assertThat(Instant.parse(record.getString("statusSince"))).isAfter(before);
  }

  @Test
  void shouldSayWhichActionsTheApiWouldRefuseAndWhy() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().dispatched(60, ClawStreams.FALLBACK).running(1, ClawStreams.PRIMARY);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));

    JsonPath running = actions(claw.clawId);

    assertThat(running.getBoolean("retry.allowed")).isFalse();
    assertThat(running.getString("retry.refusal"))
        .isEqualTo("the claw is running; nothing to retry");
    assertThat(running.getBoolean("cancel.allowed")).isTrue();
    assertThat(running.getBoolean("remove.allowed")).isTrue();
    assertThat(running.getList("profiles.name")).containsExactly("primary", "fallback");
    // Asking changed nothing: the claw still runs and no cancel was recorded.
    assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("running");

    claw.finished(RunOutcome.COMPLETED, null);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("completed"));
    JsonPath completed = actions(claw.clawId);

    assertThat(completed.getBoolean("retry.allowed")).isFalse();
    assertThat(completed.getString("retry.refusal"))
        .isEqualTo("the claw completed; nothing to retry");
    assertThat(completed.getBoolean("cancel.allowed")).isFalse();
    assertThat(completed.getString("cancel.refusal")).isEqualTo("the claw is already completed");
    StatusApi.authorized()
        .get("/api/claws/" + UUID.randomUUID() + "/actions")
        .then()
        .statusCode(404);
  }

  @Test
  void shouldOfferRetryAfterABootstrapFailure() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested()
        .step("repositories_cloned", StepOutcome.FAILED, "platform.repo_missing", "no such repo")
        .completed(false, "platform.repo_missing", "no such repo");
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("workspace_incomplete"));

    assertThat(actions(claw.clawId).getBoolean("retry.allowed")).isTrue();
    assertThat(StatusApi.claw(claw.clawId).getString("status")).isEqualTo("workspace_incomplete");
  }

  private JsonPath actions(UUID clawId) {
    return StatusApi.authorized()
        .get("/api/claws/" + clawId + "/actions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath list(String query) {
    return StatusApi.authorized()
        .get("/api/claws?" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void enteredStatusAt(UUID clawId, Instant at) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE claw SET state = jsonb_set(state::jsonb, '{statusSince}',"
                    + " to_jsonb(?::text))::json, status_since = ?::timestamptz"
                    + " WHERE claw_id = ?")) {
      update.setString(1, at.toString());
      update.setString(2, at.toString());
      update.setObject(3, clawId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
