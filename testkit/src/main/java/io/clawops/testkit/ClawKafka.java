package io.clawops.testkit;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test client for the real broker: publishes envelopes or raw records and records topics. */
public final class ClawKafka implements AutoCloseable {

  private static ClawKafka shared;

  private final String bootstrapServers;
  private final KafkaProducer<String, String> producer;

  public ClawKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // A local broker answers at once: a missing topic must fail fast, not in 60 s.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                5_000),
            new StringSerializer(),
            new StringSerializer());
  }

  /** A new client of the JVM-wide test broker; the caller closes it. */
  public static ClawKafka connect() {
    return new ClawKafka(TestInfrastructure.kafka().bootstrapServers());
  }

  /** The JVM-wide client of the JVM-wide test broker, closed when the JVM exits. */
  public static synchronized ClawKafka shared() {
    if (shared == null) {
      shared = connect();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "clawops-test-kafka-client"));
    }
    return shared;
  }

  /** Publishes an envelope keyed by its claw id, as every ClawOps producer does. */
  public RecordMetadata publish(String topic, Envelope envelope) {
    return publishRaw(topic, envelope.clawId().toString(), EnvelopeCodec.encode(envelope));
  }

  /** Publishes any text, valid or not, and waits for the broker to acknowledge it. */
  public RecordMetadata publishRaw(String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }

  /** Starts recording the topics from their current end. */
  public TopicRecorder record(String... topics) {
    return new TopicRecorder(bootstrapServers, Arrays.asList(topics));
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
