package io.clawops.testkit;

import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything published on some topics from the moment it was created, so a test can await
 * and assert what a service published.
 */
public final class TopicRecorder implements AutoCloseable {

  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumedRecord> records = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  TopicRecorder(String bootstrapServers, List<String> topics) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(
        topic ->
            consumer
                .partitionsFor(topic)
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
    // Manual assignment positioned at the end now: no group join delay, nothing older seen.
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    poller = new Thread(this::poll, "topic-recorder-" + String.join(",", topics));
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          Map<String, String> headers = new HashMap<>();
          for (Header header : record.headers()) {
            headers.put(header.key(), ConsumedRecord.text(header.value()));
          }
          records.add(
              new ConsumedRecord(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.key(),
                  ConsumedRecord.text(record.value()),
                  headers));
        }
      }
    } catch (WakeupException e) {
      // close() woke the poller up.
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  /** Every record seen so far, in arrival order. */
  public List<ConsumedRecord> records() {
    return List.copyOf(records);
  }

  /** Every valid envelope seen so far, in arrival order. */
  public List<Envelope> envelopes() {
    return records.stream().flatMap(record -> record.envelope().stream()).toList();
  }

  /** Waits until a record matches, and returns the first that does. */
  public ConsumedRecord awaitRecord(Predicate<ConsumedRecord> match) {
    return await()
        .atMost(DEFAULT_WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> records.stream().filter(match).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** Waits until an envelope matches, and returns the first that does. */
  public Envelope awaitEnvelope(Predicate<Envelope> match) {
    return await()
        .atMost(DEFAULT_WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> envelopes().stream().filter(match).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
