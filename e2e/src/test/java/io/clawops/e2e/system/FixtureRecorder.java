package io.clawops.e2e.system;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.Topics;
import io.clawops.simagent.scenario.SecretLeak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the history status-service consumed for the claws one {@link RecordFixture} test created:
 * every record of its four input topics keyed by those claws, in topic-partition-offset order with
 * partition, offset and Kafka timestamp, then what status-service published for them ({@link
 * #OUTPUTS}), then the operator actions the test took, as JSON lines. The replay test of
 * status-service ({@code io.clawops.status.replay}) folds these fixtures again.
 *
 * <p>Only with {@code -Dclawops.record.fixtures=<dir>}; a test that failed writes nothing.
 */
public final class FixtureRecorder implements BeforeEachCallback, AfterEachCallback {

  /** The system property naming the folder the fixtures go to. */
  public static final String PROPERTY = "clawops.record.fixtures";

  /** What status-service folds (its {@code fold} channel). */
  static final List<String> TOPICS =
      List.of(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS);

  /**
   * What status-service published for the claws, kept beside the inputs as the live service's
   * answer: its command ids are the ones the runners echo back in the inputs.
   */
  static final List<String> OUTPUTS = List.of(Topics.COMMANDS, Topics.STATUS);

  /** The claws' records stop for this long before the history is taken as complete. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FixtureRecorder.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    String folder = System.getProperty(PROPERTY, "");
    RecordFixture story = context.getRequiredTestMethod().getAnnotation(RecordFixture.class);
    if (folder.isBlank() || story == null) {
      return;
    }
    Recording recording =
        new Recording(
            Path.of(folder).resolve(story.value() + ".jsonl"),
            context.getRequiredTestClass().getSimpleName()
                + "#"
                + context.getRequiredTestMethod().getName());
    ClawOpsExtension.system(context).api().tap(recording);
    context.getStore(NAMESPACE).put(Recording.class, recording);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Recording recording = context.getStore(NAMESPACE).remove(Recording.class, Recording.class);
    if (recording == null) {
      return;
    }
    ClawOpsSystem system = ClawOpsExtension.system(context);
    system.api().tap(null);
    if (context.getExecutionException().isPresent()) {
      System.out.println("fixture " + recording.file + " not written: the test failed");
      return;
    }
    List<ConsumerRecord<String, String>> records =
        awaitQuiet(system.bootstrapServers(), recording.claws());
    String text = recording.render(records, Instant.now());
    List<String> secrets = new ArrayList<>(SecretLeak.SECRETS);
    secrets.add(system.deployKey());
    for (String secret : secrets) {
      if (text.contains(secret)) {
        throw new IllegalStateException(
            "fixture " + recording.file + " holds a secret; not written");
      }
    }
    try {
      Files.createDirectories(recording.file.toAbsolutePath().getParent());
      Files.writeString(recording.file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(
        "fixture %s: %d records (inputs and what was published) of %d claws%n",
        recording.file, records.size(), recording.claws().size());
  }

  /** The claws' records once none came for {@link #QUIET} (at most 30 s later: what there is). */
  private static List<ConsumerRecord<String, String>> awaitQuiet(
      String bootstrapServers, Set<String> claws) {
    AtomicReference<List<ConsumerRecord<String, String>>> last = new AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                List<ConsumerRecord<String, String>> records = read(bootstrapServers, claws);
                last.set(records);
                long newest = records.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(0);
                return System.currentTimeMillis() - newest >= QUIET.toMillis();
              });
    } catch (ConditionTimeoutException stillBusy) {
      System.out.println("claws " + claws + " still produce records; recording what there is");
    }
    return last.get();
  }

  /** Every record of {@link #TOPICS} keyed by one of {@code claws}, up to the end as of now. */
  private static List<ConsumerRecord<String, String>> read(
      String bootstrapServers, Set<String> claws) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : Stream.concat(TOPICS.stream(), OUTPUTS.stream()).toList()) {
        consumer
            .partitionsFor(topic)
            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the input topics to their end in 60 s");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null && claws.contains(record.key())) {
            records.add(record);
          }
        }
      }
    }
    records.sort(
        Comparator.comparing((ConsumerRecord<String, String> r) -> OUTPUTS.contains(r.topic()))
            .thenComparing(ConsumerRecord::topic)
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  /** What one test did through the API while it ran, and where its fixture goes. */
  private static final class Recording implements ClawOpsApi.Tap {

    private final Path file;
    private final String test;
    private final Set<String> claws = new LinkedHashSet<>();
    private final List<ObjectNode> actions = new ArrayList<>();

    Recording(Path file, String test) {
      this.file = file;
      this.test = test;
    }

    @Override
    public synchronized void created(UUID clawId) {
      claws.add(clawId.toString());
    }

    @Override
    public synchronized void acted(String action, UUID clawId, Instant sentAt, int httpStatus) {
      actions.add(
          JSON.createObjectNode()
              .put("kind", "action")
              .put("action", action)
              .put("clawId", clawId.toString())
              .put("at", sentAt.toString())
              .put("httpStatus", httpStatus));
    }

    synchronized Set<String> claws() {
      return Set.copyOf(claws);
    }

    /** The header, the records, what was published, the actions: one JSON document a line. */
    synchronized String render(List<ConsumerRecord<String, String>> records, Instant until) {
      StringBuilder out = new StringBuilder();
      ObjectNode header =
          JSON.createObjectNode()
              .put("kind", "header")
              .put("test", test)
              .put("until", until.toString());
      header.putPOJO("claws", List.copyOf(claws));
      header.putPOJO("topics", TOPICS);
      header.putPOJO("published", OUTPUTS);
      header.putPOJO("settings", new TreeMap<>(ServiceLaunchers.STATUS_RULES));
      out.append(header).append('\n');
      for (ConsumerRecord<String, String> record : records) {
        out.append(
                JSON.createObjectNode()
                    .put("kind", OUTPUTS.contains(record.topic()) ? "published" : "record")
                    .put("topic", record.topic())
                    .put("partition", record.partition())
                    .put("offset", record.offset())
                    .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString())
                    .put("key", record.key())
                    .put("value", record.value()))
            .append('\n');
      }
      actions.forEach(action -> out.append(action).append('\n'));
      return out.toString();
    }
  }
}
