package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.runner.agent.RuntimeProfiles;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full runner gives its partitions away: tasks keyed to them start on a runner with a free slot,
 * and the full runner takes work again once a slot frees. Its capacity beat says all of it.
 */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class CapacityDispatchTest {

  @Inject RunnerLifecycle lifecycle;

  private final RunnerTestClient client = new RunnerTestClient();
  private Runner second;

  @AfterEach
  void close() {
    if (second != null) {
      second.close();
    }
    client.close();
  }

  @Test
  void shouldStartTasksOfAFullRunnersPartitionsOnARunnerWithAFreeSlot() throws Exception {
    Runner first = lifecycle.runner();
    await().until(() -> first.slots().busy() == 0);
    second =
        new Runner(
            lifecycle.settings().withRunnerId("runner-test-cap"),
            RuntimeProfiles.load(Optional.empty()));
    second.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !second.taskPartitions().isEmpty()
                    && first.taskPartitions().size() + second.taskPartitions().size()
                        == Topics.DEFAULT_PARTITIONS);
    Set<Integer> firstPartitions =
        first.taskPartitions().stream().map(TopicPartition::partition).collect(Collectors.toSet());
    int slots = first.slots().capacity();

    List<UUID> filling = new ArrayList<>();
    for (int i = 0; i < slots; i++) {
      filling.add(client.dispatch(hang().claw(clawOn(firstPartitions))));
    }
    filling.forEach(claw -> assertThat(claimedBy(claw)).isEqualTo("runner-test"));
    await().until(() -> !first.claiming() && first.taskPartitions().isEmpty());

    // Keyed to partitions the full runner held: they start on the other one, not after a slot
    // frees.
    UUID moved = client.dispatch(hang().claw(clawOn(firstPartitions)));
    assertThat(claimedBy(moved)).isEqualTo("runner-test-cap");
    client.await(moved, RunStarted.class);

    RunStarted freed = client.await(filling.get(0), RunStarted.class);
    client.cancel(filling.get(0), freed.runId(), "free a slot");
    client.awaitFinished(filling.get(0));
    await().atMost(Duration.ofSeconds(30)).until(first::claiming);
    UUID fromSecond = client.dispatch(hang().claw(clawOn(firstPartitions)));
    // Back in the group, the first runner has partitions again; either runner may claim.
    assertThat(claimedBy(fromSecond)).isIn("runner-test", "runner-test-cap");

    RunnerBeat full = awaitBeat(beat -> beat.slotsBusy() == beat.slotsTotal() && !beat.claiming());
    assertThat(full.runs()).hasSize(slots);
    assertThat(full.runs()).extracting(RunnerBeat.HeldRun::clawId).containsAnyElementsOf(filling);
    assertThat(full.beatSeconds()).isEqualTo(5);
    awaitBeat(beat -> beat.slotsBusy() < beat.slotsTotal() && beat.claiming());

    for (UUID claw : List.of(filling.get(1), moved, fromSecond)) {
      client.cancel(claw, null, "test done");
      client.awaitFinished(claw);
    }
  }

  private RunnerBeat awaitBeat(java.util.function.Predicate<RunnerBeat> match) {
    UUID key = RunnerBeat.fleetKey("runner-test");
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client.envelopes(key, RunnerBeat.TYPE).stream()
                    .map(Envelope::data)
                    .map(RunnerBeat.class::cast)
                    .filter(match)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private String claimedBy(UUID claw) {
    return client.await(claw, RunClaimed.class).runnerId();
  }

  private static RunnerTestClient.Task hang() {
    return RunnerTestClient.task().prompt("scenario: hang").timeouts(60, 60, 60);
  }

  private static UUID clawOn(Set<Integer> partitions) {
    while (true) {
      UUID claw = UUID.randomUUID();
      byte[] key = claw.toString().getBytes(StandardCharsets.UTF_8);
      if (partitions.contains(Utils.toPositive(Utils.murmur2(key)) % Topics.DEFAULT_PARTITIONS)) {
        return claw;
      }
    }
  }
}
