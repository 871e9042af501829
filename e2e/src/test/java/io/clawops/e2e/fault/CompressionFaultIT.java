package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.e2e.system.StandaloneBroker;
import io.clawops.testkit.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every compression codec a Kafka client may choose is accepted, both by the local stack's broker
 * (the jars deploy lays out, run as its own process) and by the test kit's broker: each batch is
 * appended and read back whole.
 */
class CompressionFaultIT {

  private static final int RECORDS = 500;

  /** A topic of its own: no ClawOps consumer reads it. */
  private static final String TOPIC = "fault.compression";

  private static StandaloneBroker localStackBroker;

  @BeforeAll
  static void startLocalStackBroker() {
    Path work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
    localStackBroker = StandaloneBroker.start(work.resolve("compression-broker"), 3);
    localStackBroker.createTopics(List.of(TOPIC), 3);
    TestInfrastructure.kafka().createTopics(List.of(TOPIC), 3);
  }

  @AfterAll
  static void stop() {
    localStackBroker.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void shouldAcceptEveryCodecOnBothBrokers(String codec) {
    int local = roundTrip(localStackBroker.bootstrapServers(), codec);
    int testkit = roundTrip(TestInfrastructure.kafka().bootstrapServers(), codec);

    assertThat(local).as("local stack broker, %s", codec).isEqualTo(RECORDS);
    assertThat(testkit).as("test kit broker, %s", codec).isEqualTo(RECORDS);
    FaultTable.add(
        new FaultTable.Row(
            "compression " + codec + " (local stack and test kit brokers)",
            2L * RECORDS,
            local + testkit,
            0,
            0,
            2L * RECORDS - local - testkit,
            "-"));
  }

  /** Sends {@link #RECORDS} records compressed with {@code codec}; returns how many read back. */
  private static int roundTrip(String bootstrap, String codec) {
    String marker = codec + "-" + UUID.randomUUID();
    List<TopicPartition> partitions = new ArrayList<>();
    Map<TopicPartition, Long> start;
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
      // A topic just created may not be in every broker's metadata yet.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).isEmpty());
      consumer
          .partitionsFor(TOPIC, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      start = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                codec,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        String value =
            "{\"marker\":\"" + marker + "\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}";
        producer.send(new ProducerRecord<>(TOPIC, marker + i, value));
      }
      producer.flush();
      // A codec the broker lacks fails every append: the futures carry that error.
      producer
          .send(new ProducerRecord<>(TOPIC, marker, "{\"marker\":\"" + marker + "\",\"n\":-1}"))
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(codec + " refused by " + bootstrap + ": " + e, e);
    }
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
      consumer.assign(partitions);
      start.forEach(consumer::seek);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (seen.size() < RECORDS + 1 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value().contains(marker)) {
            seen.add(record.key());
          }
        }
      }
    }
    return (int) seen.stream().filter(key -> !key.equals(marker)).count();
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
