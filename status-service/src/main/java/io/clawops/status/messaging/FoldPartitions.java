package io.clawops.status.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which input partitions this instance's fold owns, and since when it has read each to its end. A
 * claw's timers run only on the instance that owns its partition, and only once that instance has
 * folded the partition's backlog: before that, the claw's record lacks evidence that is already on
 * the topic (a replay of hours of history, or a restart behind a long outage), and a timer would
 * judge history by the wall clock.
 */
@ApplicationScoped
@Identifier(FoldPartitions.NAME)
public class FoldPartitions implements KafkaConsumerRebalanceListener {

  /** Name the fold channel's {@code consumer-rebalance-listener.name} refers to. */
  public static final String NAME = "fold-partitions";

  private final Map<TopicPartition, Instant> assigned = new ConcurrentHashMap<>();

  /** The next offset to fold per partition: after the last record folded, or where it started. */
  private final Map<TopicPartition, Long> folded = new ConcurrentHashMap<>();

  /** When the fold first reached the end of a partition since it was assigned. */
  private final Map<TopicPartition, Instant> caughtUp = new ConcurrentHashMap<>();

  /** Partitions whose timers wait because the fold fell behind on them. */
  private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();

  /** Records behind the log end at which a partition's timers pause (DESIGN §9). */
  static final long BEHIND_PAUSE = 5_000;

  /** Records behind at which a paused partition counts as caught up again. */
  static final long BEHIND_RESUME = 100;

  private static final Logger LOG = Logger.getLogger(FoldPartitions.class);

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Instant now = Instant.now();
    for (TopicPartition partition : partitions) {
      assigned.putIfAbsent(partition, now);
      try {
        // Where this instance starts: a partition without new records is caught up right away.
        folded.merge(partition, consumer.position(partition), Math::max);
      } catch (RuntimeException e) {
        // Unknown for now: the first folded batch of the partition tells.
      }
    }
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  /** Records that every record of {@code partition} before {@code nextOffset} was folded. */
  public void folded(TopicPartition partition, long nextOffset) {
    if (assigned.containsKey(partition)) {
      folded.merge(partition, nextOffset, Math::max);
    }
  }

  /**
   * Marks the partitions whose log end (as the fold consumer last saw it) the fold has reached:
   * from {@code now} on, their backlog is folded.
   */
  public void observeEnds(Map<TopicPartition, Long> ends, Instant now) {
    ends.forEach(
        (partition, end) -> {
          Long next = folded.get(partition);
          if (!assigned.containsKey(partition) || next == null) {
            return;
          }
          long behind = end - next;
          if (behind > BEHIND_PAUSE) {
            // Fallen behind under load: silence in what is not folded yet is no evidence, so the
            // partition's timers wait until it caught up again, and count from then.
            if (caughtUp.remove(partition) != null) {
              LOG.infof("fold of %s is %d records behind; its timers wait", partition, behind);
            }
            paused.add(partition);
          } else if (behind <= 0 || (paused.contains(partition) && behind <= BEHIND_RESUME)) {
            paused.remove(partition);
            caughtUp.putIfAbsent(partition, now);
          }
        });
  }

  /**
   * Partition numbers owned and folded to their end on every fold topic, each with the latest of
   * the times the fold caught up on them: before that, part of the claw's records may not have been
   * folded yet.
   */
  public Map<Integer, Instant> ownedSince() {
    Map<Integer, Instant> latest = new HashMap<>();
    Map<Integer, Integer> topics = new HashMap<>();
    assigned.forEach(
        (partition, since) -> {
          Instant caught = caughtUp.get(partition);
          if (caught == null) {
            return;
          }
          Instant from = caught.isAfter(since) ? caught : since;
          latest.merge(partition.partition(), from, (a, b) -> a.isAfter(b) ? a : b);
          topics.merge(partition.partition(), 1, Integer::sum);
        });
    latest.keySet().removeIf(partition -> topics.get(partition) < FoldConsumer.TOPICS.size());
    return latest;
  }

  private void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(
        partition -> {
          assigned.remove(partition);
          folded.remove(partition);
          caughtUp.remove(partition);
          paused.remove(partition);
        });
  }
}
