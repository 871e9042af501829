package io.clawops.status.messaging;

import io.clawops.contracts.sanitize.Sanitizer;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tells {@link FoldPartitions} where the fold topics end, as the fold consumer last saw them (its
 * fetch position plus its lag: no broker round trip), so it knows which partitions are folded up to
 * their end.
 */
@ApplicationScoped
public class FoldProgress {

  private static final Logger LOG = Logger.getLogger(FoldProgress.class);
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Inject KafkaClientService clients;

  @Inject
  @Identifier(FoldPartitions.NAME)
  FoldPartitions partitions;

  /** Looks at the log ends now; a consumer that cannot answer leaves every partition as it was. */
  public void refresh() {
    try {
      KafkaConsumer<Object, Object> consumer = clients.getConsumer(FoldConsumer.CHANNEL);
      if (consumer == null) {
        return;
      }
      Map<TopicPartition, Long> ends =
          consumer
              .runOnPollingThread(
                  c -> {
                    Map<TopicPartition, Long> seen = new HashMap<>();
                    for (TopicPartition partition : c.assignment()) {
                      OptionalLong lag = c.currentLag(partition);
                      if (lag.isPresent()) {
                        seen.put(partition, c.position(partition) + lag.getAsLong());
                      }
                    }
                    return seen;
                  })
              .await()
              .atMost(WAIT);
      partitions.observeEnds(ends, Instant.now());
    } catch (RuntimeException e) {
      LOG.debugf(
          "fold progress unknown for now: %s",
          Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX));
    }
  }
}
