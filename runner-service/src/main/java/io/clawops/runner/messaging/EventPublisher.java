package io.clawops.runner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunEvent;
import io.clawops.runner.run.RunEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/** Publishes run events on {@code claw.events}, keyed by claw, in the order they are sent. */
public final class EventPublisher implements RunEventSink, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventPublisher.class);

  private final Producer<String, String> producer;
  private final String source;

  public EventPublisher(Map<String, Object> kafka, String runnerId) {
    this.producer =
        new KafkaProducer<>(
            KafkaClients.producer(
                kafka,
                runnerId + "-events",
                Map.of(
                    // Idempotence keeps the per-run seq order on the partition across retries.
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)));
    this.source = "runner/" + runnerId;
  }

  @Override
  public CompletableFuture<Void> publish(UUID clawId, RunEvent event) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      Envelope envelope = Envelope.of(clawId, source, event);
      producer.send(
          new ProducerRecord<>(Topics.EVENTS, envelope.key(), EnvelopeCodec.encode(envelope)),
          (metadata, failure) -> {
            if (failure == null) {
              acked.complete(null);
            } else {
              LOG.warnf(
                  "%s seq %d of run %s not published: %s",
                  event.type(), event.seq(), event.runId(), failure.toString());
              acked.completeExceptionally(failure);
            }
          });
    } catch (RuntimeException e) {
      LOG.warnf("%s of run %s not published: %s", event.type(), event.runId(), e.toString());
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** The producer, shared with the dead-letter publisher. */
  Producer<String, String> producer() {
    return producer;
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
