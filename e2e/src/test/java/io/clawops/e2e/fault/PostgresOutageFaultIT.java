package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.e2e.system.ClawDatabase;
import io.clawops.e2e.system.ClawDatabase.TimelineRow;
import io.clawops.e2e.system.FoldGroup;
import io.clawops.e2e.system.StandalonePostgres;
import io.clawops.e2e.system.StatusFold;
import io.clawops.testkit.KafkaTestBroker;
import io.clawops.testkit.PostgresTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real PostgreSQL stopped for 30 s in the middle of a stream of runner traffic (~2,000
 * envelopes/s through the public topics, DESIGN §9): while it is away status-service reports not
 * ready and answers 503 with a problem body; once it is back every envelope is applied exactly
 * once, every claw ends as its history says, and nothing went to claw.dlq.
 */
class PostgresOutageFaultIT {

  /** ~205 envelopes per claw: ~115,000 in all, ~57 s of stream at the rate below. */
  private static final int CLAWS = 560;

  private static final int STEPS = 86;
  private static final int PER_SECOND = 2_000;
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final long HISTORY_SEED = 20261203L;
  private static final String DATABASE = "clawops_outage";

  /**
   * The history is in the past while it streams: timers that would judge a claw mid-history by the
   * wall clock are set out of reach, so its records depend on the envelopes only.
   */
  private static final Map<String, String> SETTINGS =
      Map.of(
          "QUARKUS_LOG_CATEGORY__IO_CLAWOPS__LEVEL", "INFO",
          "CLAWOPS_RULES_STALE_BEATS", "1000",
          "CLAWOPS_RULES_OFFLINE_BEATS", "1001",
          "CLAWOPS_RULES_REDISPATCH_BEATS", "1002",
          "CLAWOPS_RULES_START_TIMEOUT", "1h");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static KafkaTestBroker broker;
  private static StandalonePostgres postgres;
  private static StatusFold fold;

  @BeforeAll
  static void start() {
    Path work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
    broker = KafkaTestBroker.start(Topics.DEFAULT_PARTITIONS);
    postgres = StandalonePostgres.start(work.resolve("outage-postgres"));
    fold =
        StatusFold.onDatabase(
            "status-outage",
            broker.bootstrapServers(),
            postgres.jdbcUrl(DATABASE),
            PostgresTestServer.USERNAME,
            PostgresTestServer.PASSWORD,
            work.resolve("outage"),
            SETTINGS);
    fold.start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {fold, postgres, broker}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        System.err.println("could not stop " + closeable + ": " + e);
      }
    }
  }

  @Test
  void shouldApplyEveryEventOnceAndDeadLetterNoneWhenPostgresIsStoppedMidStream() {
    RecordedHistory history =
        RecordedHistory.generate(HISTORY_SEED, CLAWS, STEPS, Instant.now().minusSeconds(5));
    List<RecordedHistory.Sent> records = history.records();
    int total = records.size();
    // Heartbeats count by their beat counter (DESIGN F1), the committed offsets and the records
    // show them; the rest is applied once each, as the ledger or its run's seq high-water mark
    // says.
    List<Envelope> expected = history.envelopesButHeartbeats();
    Set<UUID> sentIds = expected.stream().map(Envelope::eventId).collect(Collectors.toSet());
    int ledgered = sentIds.size();
    UUID someClaw = history.claws().keySet().iterator().next();
    ClawDatabase database = fold.database();

    long streaming = System.nanoTime();
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> stream = produceAtRate(records, sent);
    // In the middle of the stream: a sixth of it sent, and the fold applying it.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> sent.get() >= total / 6 && database.processedEventCount() > 0);
    long appliedBefore = database.appliedEventIds(expected).size();
    int sentBefore = sent.get();
    double stoppedAfter = seconds(streaming);

    long stopped = System.nanoTime();
    postgres.stop();
    // Within seconds of the stop: not ready, and REST answers 503, not 500.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "DOWN".equals(databaseCheck()));
    HttpResponse<String> during =
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> fold.api().get("/api/claws/" + someClaw), r -> r.statusCode() != 200);
    double notReadyAfter = seconds(stopped);
    assertThat(during.statusCode()).as("GET a claw while the database is away").isEqualTo(503);
    assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(during.headers().firstValue("Retry-After")).isPresent();
    JsonNode problem = ReplayKillFaultIT.parse(during.body());
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("type").asText()).isEqualTo("urn:clawops:problem:database-unavailable");
    // And so for the whole outage, while the stream goes on.
    Duration rest = OUTAGE.minusNanos(System.nanoTime() - stopped);
    AtomicInteger refusals = new AtomicInteger();
    await()
        .during(rest)
        .atMost(rest.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                "DOWN".equals(databaseCheck())
                    && fold.api().get("/api/claws/" + someClaw + "/timeline").statusCode() == 503
                    && refusals.incrementAndGet() > 0);
    int sentDuring = sent.get() - sentBefore;
    assertThat(sentDuring)
        .as("envelopes sent while PostgreSQL was away")
        .isGreaterThanOrEqualTo(PER_SECOND * 20);

    long restarted = System.nanoTime();
    postgres.restart();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "UP".equals(databaseCheck()));
    double readyAfter = seconds(restarted);
    stream.join();
    double streamed = seconds(streaming);
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                database.appliedEventIds(expected).size() >= ledgered
                    && database.outboxSize() == 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> FoldGroup.caughtUp(broker.bootstrapServers()));
    double caughtUp = seconds(restarted);
    System.out.printf(
        "outage: %d envelopes for %d claws %s sent in %.1f s; PostgreSQL stopped %.1f s into"
            + " the stream, %d sent and %d applied by then; not ready %.1f s after the stop,"
            + " %d sent and %d 503s during the outage; ready again %.1f s after the restart,"
            + " every envelope applied %.1f s after it%n",
        total,
        CLAWS,
        history.census(),
        streamed,
        stoppedAfter,
        sentBefore,
        appliedBefore,
        notReadyAfter,
        sentDuring,
        refusals.get(),
        readyAfter,
        caughtUp);

    ReplayComparison.Fold folded =
        new ReplayComparison(history).read("outage", database, broker.bootstrapServers());
    Set<UUID> applied = new HashSet<>(sentIds);
    applied.retainAll(folded.applied());
    Set<UUID> ownTasks = folded.tasks().stream().map(Envelope::eventId).collect(Collectors.toSet());
    Set<UUID> strangers = new HashSet<>(folded.ledger());
    strangers.removeAll(sentIds);
    strangers.removeAll(ownTasks);
    long duplicated = duplicatedLines(records, folded.timelines());

    assertThat(ledgered - applied.size()).as("envelopes never applied").isZero();
    assertThat(strangers).as("ledger entries neither sent nor published by the fold").isEmpty();
    assertThat(folded.deadLetters()).as("records in claw.dlq").isZero();
    assertThat(duplicated).as("timeline lines of one envelope written twice").isZero();
    new ReplayComparison(history).assertEachAsHistorySays(folded);
    assertThat(fold.isAlive()).isTrue();
    List<String> log = logLines();
    assertThat(log.stream().filter(l -> l.contains("dead-lettering")))
        .as("dead letters in the log")
        .isEmpty();
    assertThat(log.stream().filter(l -> l.contains("database unavailable for the fold")))
        .as("the fold's outage, logged once")
        .hasSize(1);
    assertThat(log.stream().filter(l -> l.contains("database unavailable for the timers")))
        .as("the timers' outage, logged at most once")
        .hasSizeLessThanOrEqualTo(1);
    assertThat(log.stream().filter(l -> l.contains("database unavailable for the outbox-relay")))
        .as("the relay's outage, logged at most once")
        .hasSizeLessThanOrEqualTo(1);

    FaultTable.add(
        new FaultTable.Row(
            "PostgreSQL stopped 30 s mid-stream, " + CLAWS + " claws at ~2000 events/s",
            total,
            // Caught up on every topic and every envelope but the beats applied: the heartbeats
            // were applied too (each claw's record is as its history says).
            applied.size() + (total - ledgered),
            duplicated,
            folded.deadLetters(),
            ledgered - applied.size(),
            String.format("%.1f s", readyAfter)));
  }

  /**
   * Sends the history in order, {@link #PER_SECOND} records a second in ticks of 100 ms, and
   * completes once the broker acknowledged the last one.
   */
  private static CompletableFuture<Void> produceAtRate(
      List<RecordedHistory.Sent> records, AtomicInteger sent) {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer());
    ScheduledExecutorService ticks =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outage-stream"));
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger next = sent;
    int perTick = PER_SECOND / 10;
    ticks.scheduleAtFixedRate(
        () -> {
          try {
            int from = next.get();
            int to = Math.min(records.size(), from + perTick);
            for (RecordedHistory.Sent record : records.subList(from, to)) {
              producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
            }
            next.set(to);
            if (to == records.size()) {
              producer.flush();
              producer.close();
              done.complete(null);
              ticks.shutdown();
            }
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
            ticks.shutdown();
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    return done;
  }

  /**
   * Timeline lines written at the time of one of the claw's own envelopes (the lines the fold
   * derives from the input, not from its clock) that occur more than once.
   */
  private static long duplicatedLines(
      List<RecordedHistory.Sent> records, Map<UUID, List<TimelineRow>> timelines) {
    Map<UUID, Set<Instant>> times = new HashMap<>();
    for (RecordedHistory.Sent record : records) {
      Envelope envelope = EnvelopeCodec.decode(record.key(), record.value());
      times
          .computeIfAbsent(envelope.clawId(), id -> new HashSet<>())
          .add(envelope.occurredAt().truncatedTo(ChronoUnit.MILLIS));
    }
    long duplicated = 0;
    for (Map.Entry<UUID, List<TimelineRow>> claw : timelines.entrySet()) {
      Set<Instant> own = times.getOrDefault(claw.getKey(), Set.of());
      Map<TimelineRow, Long> counts =
          claw.getValue().stream()
              .filter(row -> own.contains(row.at().truncatedTo(ChronoUnit.MILLIS)))
              .collect(Collectors.groupingBy(row -> row, Collectors.counting()));
      duplicated += counts.values().stream().mapToLong(n -> n - 1).sum();
    }
    return duplicated;
  }

  /** The status of readiness check clawops-database, or null when the service does not answer. */
  private static String databaseCheck() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(fold.api().statusUrl() + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (JsonNode check : ReplayKillFaultIT.parse(response.body()).path("checks")) {
        if ("clawops-database".equals(check.path("name").asText())) {
          return check.path("status").asText();
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static List<String> logLines() {
    try {
      return Files.readAllLines(fold.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
