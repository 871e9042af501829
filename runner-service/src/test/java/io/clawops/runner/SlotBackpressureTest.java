package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A runner never takes more tasks than it has slots, and takes the next one as a slot frees. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class SlotBackpressureTest {

  @Inject RunnerLifecycle lifecycle;

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldRunOnlyAsManyTasksAsSlotsAndClaimTheRestAsSlotsFree() {
    int slots = lifecycle.runner().slots().capacity();
    await().until(() -> lifecycle.runner().slots().busy() == 0);
    List<UUID> claws =
        IntStream.range(0, slots + 2)
            .mapToObj(
                i ->
                    client.dispatch(
                        RunnerTestClient.task().prompt("scenario: hang").timeouts(60, 60, 60)))
            .toList();

    await().until(() -> count(claws, RunStarted.TYPE) == slots);
    // Full: the other two tasks stay unclaimed in Kafka instead of waiting claimed in the runner.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> count(claws, RunClaimed.TYPE) == slots);

    for (int finishedSoFar = 0; finishedSoFar < claws.size(); finishedSoFar++) {
      UUID running = claws.stream().filter(this::isRunning).findFirst().orElseThrow();
      client.cancel(running, null, "free a slot");
      client.awaitFinished(running);
      int expectedRunning = Math.min(slots, claws.size() - finishedSoFar - 1);
      await().until(() -> claws.stream().filter(this::isRunning).count() == expectedRunning);
    }

    assertThat(claws)
        .allSatisfy(
            claw ->
                assertThat(client.awaitFinished(claw).outcome()).isEqualTo(RunOutcome.CANCELLED));
    assertThat(maxConcurrentClaims(claws)).isEqualTo(slots);
    assertThat(claws)
        .allSatisfy(
            claw ->
                assertThat(Duration.between(at(claw, RunClaimed.TYPE), at(claw, RunStarted.TYPE)))
                    .isLessThan(Duration.ofSeconds(2)));
  }

  private boolean isRunning(UUID claw) {
    return count(List.of(claw), RunStarted.TYPE) == 1
        && count(List.of(claw), RunFinished.TYPE) == 0;
  }

  private long count(List<UUID> claws, String type) {
    return claws.stream().mapToLong(claw -> client.envelopes(claw, type).size()).sum();
  }

  private Instant at(UUID claw, String type) {
    return client.envelopes(claw, type).get(0).occurredAt();
  }

  /** The most runs held at once, from the claimed and finished times the runner stamped. */
  private int maxConcurrentClaims(List<UUID> claws) {
    List<Map.Entry<Instant, Integer>> changes = new ArrayList<>();
    for (UUID claw : claws) {
      changes.add(Map.entry(at(claw, RunClaimed.TYPE), 1));
      changes.add(Map.entry(at(claw, RunFinished.TYPE), -1));
    }
    // A slot freed and retaken in the same millisecond is not an overlap: releases sort first.
    changes.sort(
        Comparator.comparing(Map.Entry<Instant, Integer>::getKey)
            .thenComparing(Map.Entry::getValue));
    int held = 0;
    int max = 0;
    for (Map.Entry<Instant, Integer> change : changes) {
      held += change.getValue();
      max = Math.max(max, held);
    }
    return max;
  }
}
