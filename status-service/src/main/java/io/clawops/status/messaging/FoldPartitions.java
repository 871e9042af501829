package io.clawops.status.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which input partitions this instance's fold owns, and since when. A claw's timers run only on the
 * instance that owns its partition, and only once it owned it long enough to have caught up.
 */
@ApplicationScoped
@Identifier(FoldPartitions.NAME)
public class FoldPartitions implements KafkaConsumerRebalanceListener {

  /** Name the fold channel's {@code consumer-rebalance-listener.name} refers to. */
  public static final String NAME = "fold-partitions";

  private final Map<TopicPartition, Instant> assigned = new ConcurrentHashMap<>();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Instant now = Instant.now();
    partitions.forEach(partition -> assigned.putIfAbsent(partition, now));
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(assigned::remove);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    partitions.forEach(assigned::remove);
  }

  /**
   * Partition numbers owned on every fold topic, each with the latest of their assignment times:
   * before that, part of the claw's records may not have been folded yet.
   */
  public Map<Integer, Instant> ownedSince() {
    Map<Integer, Instant> latest = new HashMap<>();
    Map<Integer, Integer> topics = new HashMap<>();
    assigned.forEach(
        (partition, since) -> {
          latest.merge(partition.partition(), since, (a, b) -> a.isAfter(b) ? a : b);
          topics.merge(partition.partition(), 1, Integer::sum);
        });
    latest.keySet().removeIf(partition -> topics.get(partition) < FoldConsumer.TOPICS.size());
    return latest;
  }
}
