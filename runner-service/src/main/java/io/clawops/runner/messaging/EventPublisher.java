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
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.jboss.logging.Logger;

/** Publishes run events on {@code claw.events}, keyed by claw, in the order they are sent. */
public final class EventPublisher implements RunEventSink, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventPublisher.class);

  /** How long an event waits for an unreachable broker before it counts as not published. */
  private static final Duration BROKER_OUTAGE_MAX = Duration.ofMinutes(5);

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

  /**
   * Sends the event; while the broker is unreachable (the send cannot even get the topic's
   * metadata) it tries again from this thread, for up to {@link #BROKER_OUTAGE_MAX}, instead of
   * dropping the event: a broker restart must cost no event, and retrying here, before the next
   * event is sent, keeps the run's seq order. Failures after the broker took the record are the
   * producer's own (idempotent) retries.
   */
  @Override
  public CompletableFuture<Void> publish(UUID clawId, RunEvent event) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Envelope envelope = Envelope.of(clawId, source, event);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(Topics.EVENTS, envelope.key(), EnvelopeCodec.encode(envelope));
    long giveUpAt = System.nanoTime() + BROKER_OUTAGE_MAX.toNanos();
    for (int attempt = 1; ; attempt++) {
      AtomicBoolean sending = new AtomicBoolean(true);
      boolean retry = System.nanoTime() < giveUpAt;
      try {
        Future<RecordMetadata> sent =
            producer.send(
                record,
                (metadata, failure) -> {
                  if (failure == null) {
                    acked.complete(null);
                  } else if (!(sending.get() && retry && failure instanceof TimeoutException)) {
                    LOG.warnf(
                        "%s seq %d of run %s not published: %s",
                        event.type(), event.seq(), event.runId(), failure.toString());
                    acked.completeExceptionally(failure);
                  }
                });
        sending.set(false);
        if (!(retry && sent.isDone() && !acked.isDone())) {
          return acked;
        }
        LOG.infof(
            "%s seq %d of run %s waits for the broker (attempt %d)",
            event.type(), event.seq(), event.runId(), attempt);
      } catch (RuntimeException e) {
        LOG.warnf("%s of run %s not published: %s", event.type(), event.runId(), e.toString());
        acked.completeExceptionally(e);
        return acked;
      }
    }
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
