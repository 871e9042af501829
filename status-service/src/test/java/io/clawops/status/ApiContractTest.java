package io.clawops.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.clawops.contracts.Topics;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.TopicRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REST surface: auth, errors as problem details, listing, paging, and no secret served. */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class ApiContractTest {

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldRefuseEveryApiCallWithoutTheToken() {
    given().get("/api/claws").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .get("/api/claws/" + UUID.randomUUID())
        .then()
        .statusCode(401);
    given().post("/api/claws/" + UUID.randomUUID() + "/cancel").then().statusCode(401);
  }

  @Test
  void shouldAnswerProblemDetailsForAnUnknownClawAndABadId() {
    StatusApi.authorized()
        .get("/api/claws/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    StatusApi.authorized()
        .get("/api/claws/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    // The timeline answers for its claw the same way, without reading the claw's document.
    StatusApi.authorized()
        .get("/api/claws/" + UUID.randomUUID() + "/timeline")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("title", equalTo("Claw not found"));
    StatusApi.authorized()
        .get("/api/claws/not-a-uuid/timeline")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", equalTo("claw id must be a UUID"));
    StatusApi.authorized()
        .get("/api/claws?limit=0")
        .then()
        .statusCode(400)
        .body("detail", equalTo("limit: must be a number from 1 to 200"));
  }

  @Test
  void shouldListClawsOfOneWorkflowRunPageByPage() {
    ClawStreams first = new ClawStreams(kafka);
    first.requested();
    String workflowRunId = first.workflowRunId;
    for (int i = 0; i < 2; i++) {
      ClawStreams sibling = new ClawStreams(kafka, workflowRunId);
      sibling.requested();
      StatusApi.awaitClaw(sibling.clawId, StatusApi.status("provisioning"));
    }
    StatusApi.awaitClaw(first.clawId, StatusApi.status("provisioning"));

    JsonPath page =
        StatusApi.authorized()
            .queryParam("workflowRunId", workflowRunId)
            .queryParam("limit", 2)
            .get("/api/claws")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath rest =
        StatusApi.authorized()
            .queryParam("workflowRunId", workflowRunId)
            .queryParam("cursor", page.getString("nextCursor"))
            .get("/api/claws")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(page.getList("items")).hasSize(2);
    assertThat(rest.getList("items")).hasSize(1);
    assertThat(rest.getString("nextCursor")).isNull();
  }

  @Test
  void shouldServeNoSecretThatAnEventCarried() {
    String token = "ghp_" + "Z9y8X7w6".repeat(5);
    UUID clawId = UUID.randomUUID();
    String raw =
        """
        {"eventId":"%s","type":"bootstrap.completed","clawId":"%s","occurredAt":"2026-11-21T10:00:00Z",
         "source":"provisioner/test","schema":1,
         "data":{"ok":false,"reason":"platform.repo_clone_failed",
                 "message":"clone of https://x:%s@github.com/org/app.git failed"}}"""
            .formatted(UUID.randomUUID(), clawId, token);
    try (TopicRecorder status = kafka.record(Topics.STATUS)) {
      kafka.publishRaw(Topics.BOOTSTRAP, clawId.toString(), raw);

      String record = StatusApi.awaitClaw(clawId, StatusApi.status("bootstrap_failed")).prettify();
      String timeline =
          StatusApi.authorized()
              .get("/api/claws/" + clawId + "/timeline")
              .then()
              .extract()
              .asString();
      status.awaitRecord(r -> clawId.toString().equals(r.key()));

      assertThat(record).contains("clone of https://").doesNotContain(token);
      assertThat(timeline).doesNotContain(token);
      assertThat(status.records()).allSatisfy(r -> assertThat(r.value()).doesNotContain(token));
    }
  }

  @Test
  void shouldServeTheNewestTimelineLinesUpToTheLimitAskedFor() {
    ClawStreams claw = new ClawStreams(kafka);
    claw.requested().completed(true, null, null).dispatched(10).running(1, ClawStreams.PRIMARY);
    claw.toolCall("read", true, null);
    // The tool call's result is the claw's last record: once it is in, the timeline stays put.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                timeline(claw.clawId, "").stream().anyMatch(l -> l.startsWith("run.tool_result")));
    List<String> all = timeline(claw.clawId, "");
    assertThat(all.size()).isGreaterThanOrEqualTo(3);

    assertThat(timeline(claw.clawId, "?limit=1")).containsExactly(all.get(all.size() - 1));
    assertThat(timeline(claw.clawId, "?limit=2"))
        .isEqualTo(all.subList(all.size() - 2, all.size()));
    assertThat(timeline(claw.clawId, "?limit=200")).isEqualTo(all);
    for (String bad : List.of("0", "201", "-1", "ten")) {
      StatusApi.authorized()
          .get("/api/claws/" + claw.clawId + "/timeline?limit=" + bad)
          .then()
          .statusCode(400)
          .body("detail", containsString("limit: must be a number from 1 to 200"));
    }
  }

  /** The timeline's lines, each as its type and summary. */
  private static List<String> timeline(UUID clawId, String query) {
    return StatusApi.authorized()
        .get("/api/claws/" + clawId + "/timeline" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items", java.util.Map.class)
        .stream()
        .map(item -> item.get("type") + " " + item.get("summary"))
        .toList();
  }

  @Test
  void shouldServeTheOpenApiDocument() {
    String document = given().get("/q/openapi").then().statusCode(200).extract().asString();
    assertThat(List.of("/api/claws/{id}/retry", "/api/claws/{id}/timeline"))
        .allMatch(document::contains);
  }
}
