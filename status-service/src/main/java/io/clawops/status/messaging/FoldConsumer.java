package io.clawops.status.messaging;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.status.fold.FoldService;
import io.clawops.status.persistence.ReceivedEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Receives every polled batch of the input topics, routes malformed records to the dead-letter
 * topic and hands the rest to the fold in one transaction.
 */
@ApplicationScoped
public class FoldConsumer {

  /** Incoming channel over claw.bootstrap, claw.tasks, claw.events and claw.heartbeats. */
  public static final String CHANNEL = "fold";

  private static final Logger LOG = Logger.getLogger(FoldConsumer.class);

  @Inject DeadLetterPublisher deadLetters;
  @Inject FoldService fold;
  @Inject OutboxRelay relay;

  /**
   * Applies one polled batch. Returns only after the transaction committed and every dead letter
   * was acknowledged, so the offsets committed afterwards never skip an unapplied record.
   */
  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, String> batch) {
    List<ReceivedEvent> events = new ArrayList<>(batch.count());
    List<CompletableFuture<Void>> rejected = new ArrayList<>();
    for (ConsumerRecord<String, String> record : batch) {
      try {
        Envelope envelope = EnvelopeCodec.decode(record.value());
        events.add(new ReceivedEvent(record.topic(), envelope));
      } catch (MessageFormatException e) {
        LOG.warnf(
            "dead-lettering %s-%d@%d: %s",
            record.topic(), record.partition(), record.offset(), e.getMessage());
        rejected.add(deadLetters.publish(record, e.getMessage()));
      }
    }
    if (!events.isEmpty()) {
      fold.applyBatch(events);
      relay.kick();
    }
    CompletableFuture.allOf(rejected.toArray(CompletableFuture[]::new)).join();
  }
}
