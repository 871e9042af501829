package io.clawops.runner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.runner.run.HeartbeatSink;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Sends heartbeats on {@code claw.heartbeats} with a producer of their own: a flood of run events
 * can fill the event producer's buffer, and a heartbeat must never queue behind it.
 */
public final class HeartbeatPublisher implements HeartbeatSink, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HeartbeatPublisher.class);

  private final Producer<String, String> producer;
  private final String source;

  public HeartbeatPublisher(Map<String, Object> kafka, String runnerId) {
    this.producer =
        new KafkaProducer<>(
            KafkaClients.producer(
                kafka,
                runnerId + "-heartbeats",
                Map.of(
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    // send() waits only for missing metadata; a beat is better skipped than late.
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000)));
    this.source = "runner/" + runnerId;
    warmUp();
  }

  @Override
  public void beat(UUID clawId, RunHeartbeat heartbeat) {
    Envelope envelope = Envelope.of(clawId, source, heartbeat);
    producer.send(
        new ProducerRecord<>(Topics.HEARTBEATS, envelope.key(), EnvelopeCodec.encode(envelope)),
        (metadata, failure) -> {
          if (failure != null) {
            LOG.warnf(
                "heartbeat %d of run %s not published: %s",
                heartbeat.beat(), heartbeat.runId(), failure.toString());
          }
        });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Fetches the topic's metadata now, so the first beat does not wait for it. */
  private void warmUp() {
    try {
      producer.partitionsFor(Topics.HEARTBEATS);
    } catch (RuntimeException e) {
      LOG.warnf("no metadata for %s yet: %s", Topics.HEARTBEATS, e.toString());
    }
  }
}
