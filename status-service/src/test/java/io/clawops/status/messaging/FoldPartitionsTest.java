package io.clawops.status.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which partitions' timers may run: only those folded up to (near) their end. */
class FoldPartitionsTest {

  // After the assignment (which happens at the wall-clock now).
  private static final Instant T0 = Instant.now().plusSeconds(3600);

  private final FoldPartitions partitions = new FoldPartitions();
  private final List<TopicPartition> partitionThree =
      FoldConsumer.TOPICS.stream().map(topic -> new TopicPartition(topic, 3)).toList();

  @Test
  void shouldPauseThePartitionsTimersWhileTheFoldIsFarBehindAndCountFromTheCatchUp() {
    assign();
    observe(100, 100, T0);
    assertThat(partitions.ownedSince()).containsEntry(3, T0);

    // A backlog builds up: silence in records not folded yet is no evidence.
    observe(100, 100 + FoldPartitions.BEHIND_PAUSE + 1, T0.plusSeconds(30));
    assertThat(partitions.ownedSince()).doesNotContainKey(3);

    // Nearly caught up again: the timers run, counting from now.
    fold(100 + FoldPartitions.BEHIND_PAUSE);
    observe(
        100 + FoldPartitions.BEHIND_PAUSE,
        100 + FoldPartitions.BEHIND_PAUSE + FoldPartitions.BEHIND_RESUME,
        T0.plusSeconds(60));
    assertThat(partitions.ownedSince()).containsEntry(3, T0.plusSeconds(60));
  }

  @Test
  void shouldKeepTimersRunningUnderAnOrdinarySmallLag() {
    assign();
    observe(100, 100, T0);
    observe(100, 100 + FoldPartitions.BEHIND_PAUSE, T0.plusSeconds(30));
    assertThat(partitions.ownedSince()).containsEntry(3, T0);
  }

  private void assign() {
    MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    consumer.assign(partitionThree);
    partitionThree.forEach(partition -> consumer.seek(partition, 0));
    partitions.onPartitionsAssigned(consumer, partitionThree);
  }

  private void fold(long next) {
    partitionThree.forEach(partition -> partitions.folded(partition, next));
  }

  private void observe(long folded, long end, Instant at) {
    fold(folded);
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    partitionThree.forEach(partition -> ends.put(partition, end));
    partitions.observeEnds(ends, at);
  }
}
