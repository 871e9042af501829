package io.clawops.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The fleet as runners report it: {@code GET /api/runners}, the {@code Scheduled} condition of a
 * waiting claw and the waiting-task gauge, from runner beats and tasks on the real topics.
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "fleet"))
class RunnerFleetTest {

  private final ClawKafka kafka = ClawKafka.shared();

  @Test
  void shouldShowWhyATaskWaitsUntilARunnerClaimsIt() {
    ClawStreams claw = new ClawStreams(kafka).requested().completed(true, null, null);
    claw.dispatched(10);

    JsonPath noRunner = StatusApi.awaitClaw(claw.clawId, scheduled("False", "no_runner"));
    assertThat(noRunner.getString("status")).isEqualTo("ready");
    assertThat(noRunner.getString("statusMessage")).contains("no runner is live");
    assertThat(noRunner.getDouble("queueWaitSeconds")).isGreaterThanOrEqualTo(0.0);
    assertThat(queue().getInt("queue.waiting")).isGreaterThanOrEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(waitingGauge()).isGreaterThanOrEqualTo(1.0));

    String full = "runner-full-" + UUID.randomUUID();
    beat(full, 2, 2, Instant.now(), 60);
    StatusApi.awaitClaw(claw.clawId, scheduled("False", "no_free_slot"));
    JsonPath listed =
        StatusApi.authorized()
            .get("/api/claws?status=ready&workflowRunId=" + claw.workflowRunId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(listed.getList("items.queueWaitSeconds")).hasSize(1).doesNotContainNull();

    claw.running(1, ClawStreams.PRIMARY);
    JsonPath claimed = StatusApi.awaitClaw(claw.clawId, scheduled("True", "claimed"));
    assertThat(claimed.getDouble("queueWaitSeconds")).isGreaterThan(0.0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> queue().getInt("queue.waiting") == 0 && waitingGauge() == 0.0);
  }

  @Test
  void shouldListLiveRunnersWithTheirCapacityAndSilentOnesAsLost() {
    String live = "runner-live-" + UUID.randomUUID();
    String lost = "runner-lost-" + UUID.randomUUID();
    beat(lost, 4, 1, Instant.now().minusSeconds(30));
    beat(live, 4, 1, Instant.now());

    Map<String, Object> liveRunner = awaitRunner(live);
    Map<String, Object> lostRunner = awaitRunner(lost);

    assertThat(liveRunner)
        .containsEntry("state", "live")
        .containsEntry("slotsTotal", 4)
        .containsEntry("slotsBusy", 1)
        .containsEntry("slotsFree", 3)
        .containsEntry("version", "test-1")
        .containsKeys("lastBeatAt", "beatAgeSeconds");
    assertThat((List<?>) liveRunner.get("runs")).hasSize(1);
    assertThat(lostRunner).containsEntry("state", "lost").containsEntry("slotsFree", 0);
    assertThat(((Number) lostRunner.get("beatAgeSeconds")).doubleValue()).isGreaterThan(20.0);

    // An older beat delivered late does not replace the newer one.
    beat(live, 4, 3, Instant.now().minusSeconds(60));
    String marker = "runner-marker-" + UUID.randomUUID();
    beat(marker, 1, 0, Instant.now());
    awaitRunner(marker);
    assertThat(awaitRunner(live)).containsEntry("slotsBusy", 1).containsEntry("state", "live");
  }

  @Test
  void shouldRefuseTheRunnersViewWithoutTheToken() {
    given().get("/api/runners").then().statusCode(401);
  }

  private void beat(String runnerId, int total, int busy, Instant at) {
    beat(runnerId, total, busy, at, 2);
  }

  private void beat(String runnerId, int total, int busy, Instant at, int beatSeconds) {
    List<RunnerBeat.HeldRun> runs =
        java.util.stream.IntStream.range(0, busy)
            .mapToObj(i -> new RunnerBeat.HeldRun(UUID.randomUUID(), UUID.randomUUID(), 1))
            .toList();
    RunnerBeat beat =
        new RunnerBeat(runnerId, total, busy, runs, "test-1", beatSeconds, 1, busy < total);
    kafka.publish(
        Topics.HEARTBEATS,
        new Envelope(
            UUID.randomUUID(),
            RunnerBeat.TYPE,
            RunnerBeat.fleetKey(runnerId),
            at.truncatedTo(ChronoUnit.MILLIS),
            "runner/" + runnerId,
            Envelope.CURRENT_SCHEMA,
            beat));
  }

  private static JsonPath queue() {
    return StatusApi.authorized().get("/api/runners").then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> awaitRunner(String runnerId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                queue().<Map<String, Object>>getList("runners").stream()
                    .filter(runner -> runnerId.equals(runner.get("runnerId")))
                    .findFirst()
                    .orElse(null),
            runner -> runner != null);
  }

  private static double waitingGauge() {
    return StatusApi.metric("clawops_tasks_waiting", Double.NaN);
  }

  private static java.util.function.Predicate<JsonPath> scheduled(String status, String reason) {
    return json -> {
      List<Map<String, Object>> conditions = json.getList("conditions");
      return conditions.stream()
          .anyMatch(
              condition ->
                  "Scheduled".equals(condition.get("type"))
                      && status.equals(condition.get("status"))
                      && reason.equals(condition.get("reason")));
    };
  }
}
