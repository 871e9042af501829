package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.runner.agent.RuntimeProfiles;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runner instances share {@code claw.tasks} as one consumer group, and one that shuts down reports
 * its runs as lost. The second instance is assembled by hand in this JVM from the same parts and
 * settings as the Quarkus-managed one, with another runner id: the claim path is the same code, and
 * no packaged jar is needed before the test phase.
 */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RunnerGroupTest {

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
  void shouldShareTheTasksAndRunEachExactlyOnce() throws Exception {
    second = startSecondRunner("runner-test-b");
    Map<Integer, UUID> clawPerPartition = clawPerPartition();

    clawPerPartition.values().forEach(claw -> client.dispatch(RunnerTestClient.task().claw(claw)));

    for (UUID claw : clawPerPartition.values()) {
      assertThat(client.awaitFinished(claw).outcome()).isEqualTo(RunOutcome.COMPLETED);
    }
    Map<UUID, List<Envelope>> claims =
        clawPerPartition.values().stream()
            .collect(
                Collectors.toMap(claw -> claw, claw -> client.envelopes(claw, RunClaimed.TYPE)));
    assertThat(claims.values()).allSatisfy(claimed -> assertThat(claimed).hasSize(1));
    assertThat(
            claims.values().stream()
                .map(claimed -> ((RunClaimed) claimed.get(0).data()).runnerId()))
        .containsOnly("runner-test", "runner-test-b")
        .contains("runner-test", "runner-test-b");
  }

  @Test
  void shouldReportItsRunsAsLostWhenShuttingDown() throws Exception {
    second = startSecondRunner("runner-test-c");
    UUID claw = clawOnPartitionOf(second);
    client.dispatch(
        RunnerTestClient.task().claw(claw).prompt("scenario: hang").timeouts(60, 60, 60));
    RunStarted started = client.await(claw, RunStarted.class);
    assertThat(client.await(claw, RunClaimed.class).runnerId()).isEqualTo("runner-test-c");

    second.close();
    second = null;
    RunFinished finished = client.awaitFinished(claw);

    assertThat(finished.runId()).isEqualTo(started.runId());
    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("platform.runner_lost");
    assertThat(finished.message()).isEqualTo("runner shutting down");
    int beats = client.heartbeats(claw).size();
    await()
        .during(Duration.ofMillis(2500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> client.heartbeats(claw).size() == beats);
  }

  private Runner startSecondRunner(String id) throws InterruptedException {
    Runner runner =
        new Runner(lifecycle.settings().withRunnerId(id), RuntimeProfiles.load(Optional.empty()));
    runner.start();
    Runner first = lifecycle.runner();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !runner.taskPartitions().isEmpty()
                    && !first.taskPartitions().isEmpty()
                    && runner.taskPartitions().size() + first.taskPartitions().size()
                        == Topics.DEFAULT_PARTITIONS);
    return runner;
  }

  /** One claw id per partition of claw.tasks, so both runners certainly get work. */
  private static Map<Integer, UUID> clawPerPartition() {
    Map<Integer, UUID> claws = new HashMap<>();
    while (claws.size() < Topics.DEFAULT_PARTITIONS) {
      UUID claw = UUID.randomUUID();
      claws.putIfAbsent(partitionOf(claw), claw);
    }
    return claws;
  }

  private static UUID clawOnPartitionOf(Runner runner) {
    Set<Integer> partitions =
        runner.taskPartitions().stream().map(TopicPartition::partition).collect(Collectors.toSet());
    while (true) {
      UUID claw = UUID.randomUUID();
      if (partitions.contains(partitionOf(claw))) {
        return claw;
      }
    }
  }

  /** The partition Kafka's default partitioner picks for a record keyed by the claw id. */
  private static int partitionOf(UUID claw) {
    byte[] key = claw.toString().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % Topics.DEFAULT_PARTITIONS;
  }
}
