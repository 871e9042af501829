package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.ServiceProcess;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hostile records on every topic a ClawOps consumer reads, while real claws run: each
 * malformed one reaches claw.dlq with its reason and origin in headers, unknown types and future
 * schemas are kept out of the way (DESIGN §3), no consumer dies or stalls, every valid record of
 * the claws running meanwhile is applied, and the services stay within their memory.
 */
@EndToEnd
class HostileRecordsFaultIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TOPICS =
      List.of(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS, Topics.COMMANDS);
  private static final int HOSTILE = 10_000;
  private static final int HUGE_BYTES = 5 * 1024 * 1024;
  private static final long RSS_LIMIT_KB = 900 * 1024;

  /** What makes a record hostile; {@link #malformed} ones must reach claw.dlq. */
  enum Kind {
    INVALID_JSON(true),
    HUGE(true),
    DEEP_NESTING(true),
    WRONG_TYPES(true),
    KEY_NOT_CLAW(true),
    NO_KEY(true),
    BINARY_GARBAGE(true),
    UNKNOWN_TYPE(false),
    SCHEMA_2(false),
    UNKNOWN_CLAW(false);

    final boolean malformed;

    Kind(boolean malformed) {
      this.malformed = malformed;
    }
  }

  record Sent(Kind kind, String topic, int partition, long offset) {}

  private final ClawOpsSystem system;
  private final Random random = new Random(12);

  HostileRecordsFaultIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  void shouldDeadLetterEveryMalformedRecordAndApplyEveryValidOne() throws Exception {
    Map<String, ObjectNode> templates = new HashMap<>();
    UUID known;
    try (TopicRecorder recorder = system.kafka().record(TOPICS.toArray(String[]::new))) {
      known = create("elevated-loop-recovers interval-ms=300");
      system.api().awaitStatus(known, "completed");
      for (String topic : TOPICS) {
        ConsumedRecord record =
            recorder.awaitRecord(r -> r.topic().equals(topic) && known.toString().equals(r.key()));
        templates.put(topic, (ObjectNode) JSON.readTree(record.value()));
      }
    }
    allowLargeRecords();

    List<Sent> sent = new ArrayList<>();
    List<UUID> interleaved = new ArrayList<>();
    try (TopicRecorder dlq = system.kafka().record(Topics.DLQ);
        TopicRecorder events = system.kafka().record(Topics.EVENTS);
        KafkaProducer<String, byte[]> producer = producer()) {
      long started = System.nanoTime();
      List<Kind> kinds = new ArrayList<>();
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < HOSTILE; i++) {
        if (i % 2_500 == 0) {
          interleaved.add(create("healthy"));
        }
        String topic = TOPICS.get(i % TOPICS.size());
        Kind kind = kindOf(i);
        kinds.add(kind);
        acks.add(producer.send(hostile(kind, topic, templates.get(topic), known)));
      }
      for (int i = 0; i < acks.size(); i++) {
        RecordMetadata at = acks.get(i).get(60, TimeUnit.SECONDS);
        sent.add(new Sent(kinds.get(i), at.topic(), at.partition(), at.offset()));
      }
      double sendSeconds = (System.nanoTime() - started) / 1e9;

      Set<String> malformed = new HashSet<>();
      sent.stream()
          .filter(s -> s.kind().malformed)
          .forEach(s -> malformed.add(s.topic() + "/" + s.partition() + "/" + s.offset()));
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(missing(malformed, dlq)).isEmpty());
      for (ConsumedRecord dead : dlq.records()) {
        assertThat(dead.header(DeadLetterHeaders.REASON)).as("reason of %s", dead).isNotBlank();
      }

      // No consumer died or stalls: every claw created during the flood, and one after it that
      // needs the command path too, settles as predicted, every event of theirs folded.
      UUID after = create("elevated-loop-recovers interval-ms=300");
      interleaved.add(after);
      long appliedEvents = 0;
      for (UUID claw : interleaved) {
        system.api().awaitStatus(claw, "completed");
        List<Envelope> envelopes =
            events.records().stream()
                .filter(r -> claw.toString().equals(r.key()))
                .flatMap(r -> r.envelope().stream())
                .toList();
        Set<UUID> published = new HashSet<>();
        envelopes.forEach(e -> published.add(e.eventId()));
        assertThat(published).isNotEmpty();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(system.database().appliedEventIds(envelopes))
                        .containsAll(published));
        appliedEvents += published.size();
      }
      // Unknown types and future schemas for a known claw land in its timeline (DESIGN §3).
      assertThat(system.api().timeline(known))
          .anySatisfy(item -> assertThat(item.path("type").asText()).isEqualTo("fault.unknown"));
      for (ServiceProcess service : system.services().values()) {
        assertThat(service.isAlive()).as(service.name()).isTrue();
        assertThat(rssKb(service)).as("RSS of %s in kB", service.name()).isLessThan(RSS_LIMIT_KB);
      }

      long deadLettered = malformed.size() - missing(malformed, dlq).size();
      Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
      sent.forEach(s -> byKind.merge(s.kind(), 1, Integer::sum));
      System.out.printf(
          "hostile records: %d sent in %.1f s (%s), %d dead letters in claw.dlq%n",
          sent.size(), sendSeconds, byKind, dlq.records().size());
      FaultTable.add(
          new FaultTable.Row(
              "hostile records on 5 topics, " + interleaved.size() + " claws running meanwhile",
              sent.size() + appliedEvents,
              appliedEvents,
              0,
              deadLettered,
              malformed.size() - deadLettered,
              "-"));
    }
  }

  private UUID create(String scenario) {
    return system
        .api()
        .create(
            ClawRequest.scenario(scenario)
                // The flood loads the machine: an agent JVM may take seconds to say its first word.
                .timeout("idleSeconds", 30)
                .timeout("runSeconds", 90)
                .repository(system.git().create("app"), "app", true))
        .clawId();
  }

  private static Kind kindOf(int i) {
    // Five huge records in all (one per topic), the rest spread over the other kinds.
    if (i < 5) {
      return Kind.HUGE;
    }
    Kind[] others = {
      Kind.INVALID_JSON,
      Kind.DEEP_NESTING,
      Kind.WRONG_TYPES,
      Kind.KEY_NOT_CLAW,
      Kind.NO_KEY,
      Kind.BINARY_GARBAGE,
      Kind.UNKNOWN_TYPE,
      Kind.SCHEMA_2,
      Kind.UNKNOWN_CLAW
    };
    return others[(i / TOPICS.size()) % others.length];
  }

  private ProducerRecord<String, byte[]> hostile(
      Kind kind, String topic, ObjectNode template, UUID known) {
    String stranger = UUID.randomUUID().toString();
    ObjectNode copy = template.deepCopy();
    copy.put("eventId", UUID.randomUUID().toString());
    return switch (kind) {
      case INVALID_JSON -> text(topic, stranger, "{\"eventId\": \"" + stranger + "\", \"type\":");
      case HUGE -> {
        copy.put("clawId", stranger);
        copy.put("padding", "x".repeat(HUGE_BYTES));
        copy.put("schema", "one");
        yield text(topic, stranger, copy.toString());
      }
      case DEEP_NESTING ->
          text(topic, stranger, "{\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
      case WRONG_TYPES -> {
        copy.put("clawId", stranger);
        copy.put("schema", "one");
        copy.put("occurredAt", 42);
        copy.set("data", JSON.getNodeFactory().arrayNode().add(1));
        yield text(topic, stranger, copy.toString());
      }
      case KEY_NOT_CLAW -> text(topic, stranger, copy.toString());
      case NO_KEY -> text(topic, null, copy.toString());
      case BINARY_GARBAGE -> {
        byte[] garbage = new byte[64 + random.nextInt(512)];
        random.nextBytes(garbage);
        yield new ProducerRecord<>(topic, stranger, garbage);
      }
      case UNKNOWN_TYPE -> {
        copy.put("type", "fault.unknown");
        yield text(topic, known.toString(), copy.toString());
      }
      case SCHEMA_2 -> {
        copy.put("schema", 2);
        copy.set("data", JSON.createObjectNode().put("shape", "of the future"));
        yield text(topic, known.toString(), copy.toString());
      }
      case UNKNOWN_CLAW -> {
        copy.put("clawId", stranger);
        if (copy.path("data").has("workspacePath")) {
          ((ObjectNode) copy.get("data")).put("workspacePath", "/nonexistent/" + stranger);
        }
        yield text(topic, stranger, copy.toString());
      }
    };
  }

  private static ProducerRecord<String, byte[]> text(String topic, String key, String value) {
    return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> missing(Set<String> expected, TopicRecorder dlq) {
    Set<String> seen = new HashSet<>();
    for (ConsumedRecord dead : dlq.records()) {
      seen.add(
          dead.header(DeadLetterHeaders.TOPIC)
              + "/"
              + dead.header(DeadLetterHeaders.PARTITION)
              + "/"
              + dead.header(DeadLetterHeaders.OFFSET));
    }
    return expected.stream().filter(e -> !seen.contains(e)).sorted().limit(20).toList();
  }

  /** An operator may raise a topic's limit: the consumers must cope with what then arrives. */
  private void allowLargeRecords() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
      for (String topic : TOPICS) {
        changes.put(
            new ConfigResource(ConfigResource.Type.TOPIC, topic),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(8 * 1024 * 1024)),
                    AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            system.bootstrapServers(),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            8 * 1024 * 1024,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static long rssKb(ServiceProcess service) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + service.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + service.name());
  }
}
