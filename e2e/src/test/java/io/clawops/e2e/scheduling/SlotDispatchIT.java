package io.clawops.e2e.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.testkit.TopicRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity-aware dispatch across real services, 3 runners of 2 slots: tasks keyed to one runner's
 * partitions start on whichever runner has a free slot; with every slot busy the next task waits
 * visibly and starts when one frees; a runner killed under load loses nothing and runs nothing
 * twice, and the runners view shows it lost.
 */
@EndToEnd
class SlotDispatchIT {

  static final String PREFIX = "sched-";
  static final int RUNNERS = 3;
  static final int SLOTS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClawOpsSystem system;
  private final ClaimGroup group;

  SlotDispatchIT(ClawOpsSystem system) {
    this.system = system;
    this.group = new ClaimGroup(system);
  }

  @BeforeEach
  void threeRunnersOfTwoSlots() {
    List<String> ids = system.runnerIds();
    if (ids.size() != RUNNERS || !ids.stream().allMatch(id -> id.startsWith(PREFIX))) {
      system.replaceRunners(PREFIX, RUNNERS, SLOTS);
    }
    // Idle runners all hold partitions of claw.tasks, and between them all of them.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Map<String, Set<Integer>> assignment = group.assignment();
              return assignment.keySet().containsAll(system.runnerIds())
                  && assignment.values().stream().mapToInt(Set::size).sum()
                      == Topics.DEFAULT_PARTITIONS;
            });
  }

  @Test
  void shouldStartTasksOfOneRunnersPartitionsOnAnyFreeSlotAndQueueTheRestVisibly() {
    Map<String, Set<Integer>> assignment = group.assignment();
    Set<Integer> crowded =
        assignment.values().stream().max(Comparator.comparingInt(Set::size)).orElseThrow();
    try (TopicRecorder events = system.kafka().record(Topics.EVENTS)) {
      List<UUID> claws = new ArrayList<>();
      for (int i = 0; i < RUNNERS * SLOTS; i++) {
        UUID claw = ClaimGroup.clawOn(crowded);
        claws.add(claw);
        group.dispatch(claw, "scenario: hang");
      }

      // Before this change one runner took two and the other four waited behind it.
      claws.forEach(claw -> events.awaitEnvelope(Envelopes.of(claw, RunStarted.TYPE)));
      Set<String> claimers =
          claws.stream().map(claw -> claimOf(events, claw).runnerId()).collect(Collectors.toSet());
      assertThat(claimers).containsExactlyInAnyOrderElementsOf(system.runnerIds());
      claws.forEach(
          claw ->
              system
                  .api()
                  .awaitClaw(
                      claw,
                      record -> assertThat(scheduled(record, "reason")).isEqualTo("claimed")));

      UUID waiting = ClaimGroup.clawOn(crowded);
      group.dispatch(waiting, "scenario: hang");
      JsonNode queued =
          system
              .api()
              .awaitClaw(
                  waiting,
                  record -> {
                    assertThat(scheduled(record, "status")).isEqualTo("False");
                    assertThat(scheduled(record, "reason")).isEqualTo("no_free_slot");
                  });
      assertThat(queued.get("status").asText()).isEqualTo("ready");
      assertThat(queued.get("statusMessage").asText()).contains("every slot");
      assertThat(queued.get("queueWaitSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
      JsonNode fleet = runners();
      assertThat(fleet.at("/queue/waiting").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(liveRunners(fleet))
          .extracting(runner -> runner.get("slotsFree").asInt())
          .containsOnly(0);
      assertThat(events.envelopes()).noneMatch(envelope -> envelope.clawId().equals(waiting));

      assertThat(system.api().cancel(claws.get(0)).statusCode()).isEqualTo(202);
      events.awaitEnvelope(Envelopes.of(waiting, RunStarted.TYPE));
      JsonNode started =
          system
              .api()
              .awaitClaw(
                  waiting, record -> assertThat(scheduled(record, "status")).isEqualTo("True"));
      assertThat(started.get("queueWaitSeconds").asDouble()).isGreaterThan(0.0);

      claws.subList(1, claws.size()).forEach(claw -> system.api().cancel(claw));
      system.api().cancel(waiting);
      for (UUID claw : claws) {
        system.api().awaitStatus(claw, "cancelled");
      }
      system.api().awaitStatus(waiting, "cancelled");
    }
  }

  @Test
  void shouldLoseNoTaskAndRunNoneTwiceWhenARunnerDiesMidClaimAndAnotherJoins() {
    String victim = system.runnerIds().get(0);
    try (TopicRecorder events = system.kafka().record(Topics.EVENTS)) {
      List<UUID> claws = new ArrayList<>();
      for (int i = 0; i < 4 * RUNNERS * SLOTS / 2; i++) {
        UUID claw = UUID.randomUUID();
        claws.add(claw);
        group.dispatch(claw, "scenario: healthy step-ms=600");
      }
      // SIGKILL while the burst is being claimed, right after the victim took its first task.
      events.awaitEnvelope(
          envelope ->
              envelope.data() instanceof RunClaimed claimed && victim.equals(claimed.runnerId()));
      system.killRunner(victim);
      String added =
          system.addRunner(PREFIX + "added-" + UUID.randomUUID().toString().substring(0, 4), SLOTS);

      for (UUID claw : claws) {
        system.api().awaitStatus(claw, "completed");
      }
      for (UUID claw : claws) {
        List<RunStarted> starts =
            Envelopes.select(events, claw, RunStarted.TYPE).stream()
                .map(envelope -> (RunStarted) envelope.data())
                .toList();
        // One start per attempt: no attempt ran on two runners.
        assertThat(starts.stream().map(RunStarted::attempt).distinct().count())
            .as("attempts started for %s", claw)
            .isEqualTo(starts.size());
        long completions =
            Envelopes.select(events, claw, RunFinished.TYPE).stream()
                .filter(
                    envelope -> ((RunFinished) envelope.data()).outcome() == RunOutcome.COMPLETED)
                .count();
        assertThat(completions).as("completed runs of %s", claw).isEqualTo(1);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Map<String, String> states = states(runners());
                assertThat(states).containsEntry(victim, "lost").containsEntry(added, "live");
                system.runnerIds().forEach(id -> assertThat(states).containsEntry(id, "live"));
              });
      JsonNode fleet = runners();
      assertThat(liveRunners(fleet))
          .allSatisfy(
              runner -> {
                assertThat(runner.get("slotsTotal").asInt()).isEqualTo(SLOTS);
                assertThat(runner.get("version").asText()).isNotBlank();
              });
    }
    // Three runners of two slots again for the next test, without restarting all of them.
    assertThat(system.runnerIds()).hasSize(RUNNERS);
  }

  private static RunClaimed claimOf(TopicRecorder events, UUID claw) {
    return (RunClaimed) events.awaitEnvelope(Envelopes.of(claw, RunClaimed.TYPE)).data();
  }

  private static String scheduled(JsonNode record, String field) {
    return StreamSupport.stream(record.get("conditions").spliterator(), false)
        .filter(condition -> "Scheduled".equals(condition.get("type").asText()))
        .findFirst()
        .map(condition -> condition.get(field).asText())
        .orElse(null);
  }

  private JsonNode runners() {
    var response = system.api().get("/api/runners");
    assertThat(response.statusCode()).as("GET /api/runners: %s", response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> liveRunners(JsonNode fleet) {
    return StreamSupport.stream(fleet.get("runners").spliterator(), false)
        .filter(runner -> "live".equals(runner.get("state").asText()))
        .toList();
  }

  private static Map<String, String> states(JsonNode fleet) {
    return StreamSupport.stream(fleet.get("runners").spliterator(), false)
        .collect(
            Collectors.toMap(
                runner -> runner.get("runnerId").asText(), runner -> runner.get("state").asText()));
  }
}
