package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.e2e.fault.SyntheticDiagnostics.Raw;
import io.clawops.e2e.fault.SyntheticDiagnostics.Story;
import io.clawops.e2e.system.ClawOpsApi;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.simagent.scenario.SecretFamilies.Family;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Item 6 of the fault suite: a thousand claws whose diagnostics carry a credential of every family
 * the sanitizer knows, in every place a diagnostic enters ClawOps — bootstrap step messages and
 * evidence and bootstrap verdicts (claw.bootstrap), tool inputs and results, model events, errors
 * and run ends (claw.events), real agent processes printing them on stdout and stderr, and the
 * fields of {@code POST /api/claws}. Afterwards no piece of any credential is in any table row, any
 * record ClawOps wrote to any topic, any REST answer or SSE line, or any service log, and the
 * ordinary sentences written next to them reach the timeline unchanged.
 */
@EndToEnd
class SecretScaleFaultIT {

  private static final int CLAWS = 1_000;
  private static final int AGENTS = 3;
  private static final int AGENT_NUMBER = 9_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every topic ClawOps writes (DESIGN §2); the test's own input on them is filtered out. */
  private static final List<String> CLAWOPS_TOPICS =
      List.of(
          Topics.BOOTSTRAP,
          Topics.TASKS,
          Topics.EVENTS,
          Topics.HEARTBEATS,
          Topics.COMMANDS,
          Topics.STATUS,
          Topics.DLQ);

  private final ClawOpsSystem system;

  SecretScaleFaultIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  void shouldKeepEveryTokenFamilyOutOfTablesTopicsResponsesAndLogsAcrossAThousandClaws()
      throws Exception {
    long started = System.nanoTime();
    LeakScan scan = new LeakScan();
    String workflowRunId = "e2e-secret-scale-" + UUID.randomUUID();
    List<Story> stories;
    List<UUID> agents = new ArrayList<>();
    long sent;
    long deadLettered;
    int malformed;
    try (StatusStreamTap stream = StatusStreamTap.open(system.api());
        TopicRecorder dlq = system.kafka().record(Topics.DLQ)) {
      // Real agents first, so their JVMs start while the bulk is folded.
      for (int i = 0; i < AGENTS; i++) {
        ClawOpsApi.Created created = system.api().create(agentRequest(AGENT_NUMBER + i));
        scan.scan("response POST /api/claws", created.body());
        agents.add(created.clawId());
      }
      List<UUID> accepted = postRequestsCarryingSecrets(scan);

      SyntheticDiagnostics diagnostics = new SyntheticDiagnostics(workflowRunId);
      stories = IntStream.range(0, CLAWS).mapToObj(diagnostics::story).toList();
      Set<String> malformedAt = new HashSet<>();
      sent = publish(stories, malformedAt);
      malformed = malformedAt.size();
      List<Envelope> wellFormed = new ArrayList<>();
      for (Story story : stories) {
        for (Raw raw : story.records()) {
          try {
            wellFormed.add(EnvelopeCodec.decode(raw.clawId().toString(), raw.value()));
          } catch (MessageFormatException malformedRecord) {
            // Dead-lettered, counted below.
          }
        }
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(system.database().appliedEventIds(wellFormed))
                      .hasSize((int) (sent - malformed)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(deadLetters(dlq, malformedAt)).isEqualTo(malformed));
      deadLettered = deadLetters(dlq, malformedAt);
      for (UUID agent : agents) {
        awaitRunFinished(agent);
      }
      for (UUID claw : accepted) {
        system.api().awaitClaw(claw, record -> assertThat(record).isNotNull());
      }

      List<String> missingOrdinary = new ArrayList<>();
      for (Story story : stories) {
        HttpResponse<String> timeline = get(scan, "/api/claws/" + story.clawId() + "/timeline");
        List<String> summaries = summaries(timeline.body());
        for (String sentence : story.ordinary()) {
          if (summaries.stream().noneMatch(summary -> summary.contains(sentence))) {
            missingOrdinary.add(story.clawId() + ": " + sentence);
          }
        }
        story.exact().forEach(exact -> assertThat(summaries).contains(exact));
        if (story.number() % 5 == 0) {
          get(scan, "/api/claws/" + story.clawId());
        }
      }
      assertThat(missingOrdinary).as("ordinary sentences missing from timelines").isEmpty();
      for (UUID claw : concat(agents, accepted)) {
        get(scan, "/api/claws/" + claw);
        get(scan, "/api/claws/" + claw + "/timeline");
        get(scan, "/api/claws/" + claw + "/actions");
      }
      scanList(scan, "/api/claws?workflowRunId=" + workflowRunId + "&limit=200");
      scanList(scan, "/api/claws?limit=200");
      get(scan, "/api/claws/counts");
      get(scan, "/api/runners");
      assertThat(stream.lines()).as("SSE lines").isNotEmpty();
      stream.lines().forEach(line -> scan.scan("response GET /api/stream", line));
    }

    // Only what ClawOps wrote: records whose envelope source is this test's are its input.
    for (String topic : CLAWOPS_TOPICS) {
      for (TopicDump.Text record : TopicDump.read(system.bootstrapServers(), topic)) {
        if (!writtenByTheTest(record)) {
          scan.scan("topic " + topic, record.key() + " " + record.value() + " " + record.headers());
        }
      }
    }
    // status-service's database is the only one: the provisioner keeps no tables.
    for (String row : system.database().everyRowAsText()) {
      scan.scan("table " + row.substring(0, row.indexOf(':')), row);
    }
    for (Path log : system.logFiles()) {
      scan.scan(
          "log " + log.getFileName(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    System.out.printf(
        "secret scale: %d claws, %d records sent (%d malformed), %d agents, %.1f s; scanned %s%n",
        CLAWS, sent, malformed, AGENTS, seconds, scan.scannedChars());
    FaultTable.add(
        new FaultTable.Row(
            "secrets of " + Family.values().length + " families in " + (CLAWS + AGENTS) + " claws",
            sent,
            sent - malformed,
            0,
            deadLettered,
            scan.leaks().size(),
            "-"));
    assertThat(scan.scannedChars().keySet())
        .as("places scanned")
        .anyMatch(where -> where.startsWith("table "))
        .anyMatch(where -> where.startsWith("topic " + Topics.EVENTS))
        .anyMatch(where -> where.startsWith("topic " + Topics.STATUS))
        .anyMatch(where -> where.startsWith("log runner"))
        .anyMatch(where -> where.startsWith("response GET /api/stream"));
    scan.report().forEach(line -> System.out.println("LEAK " + line));
    assertThat(scan.report()).as("pieces of credentials found").isEmpty();
  }

  /** A real sim-agent claw whose prompt holds every family and whose agent prints every family. */
  private ClawRequest agentRequest(int n) {
    StringBuilder prompt = new StringBuilder("scenario: secret-families n=" + n + " tail=4096\n");
    for (Family family : Family.values()) {
      prompt.append(family.diagnostic(n)).append('\n');
    }
    return ClawRequest.scenario("secret-families")
        .prompt(prompt.toString())
        .timeout("runSeconds", 90)
        .timeout("idleSeconds", 30)
        .timeout("toolIdleSeconds", 30)
        .repository(system.git().create("app"), "app", true);
  }

  /**
   * Requests whose fields carry credentials where a caller would put them by mistake: a repository
   * URL with user info or a token in its query, a credential as runtime, credentialRef or path, a
   * field named after one. Every answer is scanned; the ids of the accepted ones are returned.
   */
  private List<UUID> postRequestsCarryingSecrets(LeakScan scan) throws Exception {
    int n = AGENT_NUMBER + AGENTS;
    String repository = system.git().create("app");
    List<ObjectNode> bodies = new ArrayList<>();
    for (String url :
        List.of(
            "https://deploy:" + Family.URL_CREDENTIALS.secret(n) + "@github.com/acme/app.git",
            "https://github.com/acme/app.git?access_token=" + Family.TOKEN.secret(n),
            "ssh://git:" + Family.PASSWORD.secret(n) + "@github.com/acme/app.git",
            repository + "?token=" + Family.GITHUB_CLASSIC.secret(n))) {
      ObjectNode body = body();
      ((ObjectNode) body.withArray("repositories").get(0)).put("url", url);
      bodies.add(body);
    }
    bodies.add(body().put("runtime", Family.GITHUB_INSTALLATION.secret(n)));
    bodies.add(body().put("api_key=" + Family.API_KEY.secret(n), 1));
    ObjectNode withRef = body();
    ((ObjectNode) withRef.withArray("repositories").get(0))
        .put("credentialRef", Family.ANTHROPIC.secret(n));
    bodies.add(withRef);
    ObjectNode withPath = body();
    ((ObjectNode) withPath.withArray("repositories").get(0))
        .put("path", "../" + Family.AWS_KEY_ID.secret(n));
    bodies.add(withPath);
    List<UUID> accepted = new ArrayList<>();
    for (ObjectNode body : bodies) {
      HttpResponse<String> response = system.api().createRaw(body.toString());
      scan.scan("response POST /api/claws (" + response.statusCode() + ")", response.body());
      if (response.statusCode() == 202) {
        accepted.add(UUID.fromString(JSON.readTree(response.body()).get("clawId").asText()));
      }
    }
    return accepted;
  }

  private ObjectNode body() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            ClawRequest.scenario("healthy")
                .repository(system.git().create("app"), "app", true)
                .toJson());
  }

  /** Publishes every story's records at once; returns how many, noting the malformed ones. */
  private long publish(List<Story> stories, Set<String> malformedAt) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    List<Boolean> bad = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                system.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer())) {
      for (Story story : stories) {
        for (Raw raw : story.records()) {
          acks.add(
              producer.send(
                  new ProducerRecord<>(raw.topic(), raw.clawId().toString(), raw.value())));
          bad.add(raw.value().contains("\"ok\":\"maybe\""));
        }
      }
      for (int i = 0; i < acks.size(); i++) {
        RecordMetadata at = acks.get(i).get(60, TimeUnit.SECONDS);
        if (bad.get(i)) {
          malformedAt.add(at.topic() + "/" + at.partition() + "/" + at.offset());
        }
      }
    }
    return acks.size();
  }

  private static long deadLetters(TopicRecorder dlq, Set<String> malformedAt) {
    return dlq.records().stream()
        .map(SecretScaleFaultIT::origin)
        .filter(malformedAt::contains)
        .distinct()
        .count();
  }

  private static String origin(ConsumedRecord dead) {
    return dead.header(DeadLetterHeaders.TOPIC)
        + "/"
        + dead.header(DeadLetterHeaders.PARTITION)
        + "/"
        + dead.header(DeadLetterHeaders.OFFSET);
  }

  private void awaitRunFinished(UUID claw) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(system.api().timeline(claw))
                    .anySatisfy(
                        item -> assertThat(item.path("type").asText()).isEqualTo("run.finished")));
    // The runner logs the run's end after run.finished: wait for it so the log scan covers it.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                system.logFiles().stream()
                    .anyMatch(log -> read(log).contains("of claw " + claw + " finished")));
  }

  private HttpResponse<String> get(LeakScan scan, String path) {
    HttpResponse<String> response = system.api().get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    String place = path.replaceAll("[0-9a-f-]{36}", "{id}").replaceAll("[?].*", "?…");
    scan.scan("response GET " + place, response.body());
    return response;
  }

  private void scanList(LeakScan scan, String first) throws Exception {
    String path = first;
    while (path != null) {
      JsonNode page = JSON.readTree(get(scan, path).body());
      String cursor = page.path("nextCursor").asText(null);
      path = cursor == null ? null : first + "&cursor=" + cursor;
    }
  }

  private static List<String> summaries(String timeline) throws Exception {
    List<String> summaries = new ArrayList<>();
    JSON.readTree(timeline)
        .path("items")
        .forEach(item -> summaries.add(item.path("summary").asText()));
    return summaries;
  }

  /** A record on an input topic whose envelope names this test as its source is input. */
  private static boolean writtenByTheTest(TopicDump.Text record) {
    if (record.topic().equals(Topics.DLQ)) {
      return false;
    }
    try {
      JsonNode value = JSON.readTree(record.value());
      return value != null && SyntheticDiagnostics.SOURCE.equals(value.path("source").asText());
    } catch (Exception e) {
      // Not JSON: ClawOps writes only envelopes, so this is some test's hostile input.
      return true;
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<UUID> concat(List<UUID> a, List<UUID> b) {
    List<UUID> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
