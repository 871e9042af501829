package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.e2e.system.ClawDatabase;
import io.clawops.e2e.system.FoldGroup;
import io.clawops.e2e.system.StatusFold;
import io.clawops.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * status-service SIGKILLed five times, at random points, while it replays a large recorded history
 * (DESIGN §9 at-least-once, §7 F1–F3): its records must equal those of an uninterrupted fold of the
 * same history, and its outbox must publish no command or task a consumer would act on twice.
 *
 * <p>Each fold has a broker of its own holding the same history, record for record: status-service
 * folds its own re-dispatches back from {@code claw.tasks}, so one fold's output must not become
 * the other's input. Everything a fold publishes is then its own.
 */
class ReplayKillFaultIT {

  private static final int CLAWS = 1_000;

  /** Agent steps per run: ~205 envelopes per claw, over 200,000 in all. */
  private static final int STEPS = 86;

  private static final int KILLS = 5;
  private static final long HISTORY_SEED = 20261202L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaTestBroker brokerA;
  private static KafkaTestBroker brokerB;
  private static StatusFold foldA;
  private static StatusFold foldB;
  private static Path work;

  @BeforeAll
  static void start() {
    work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
    // Brokers of the test kit's kind, in this JVM: two standalone ones would cost a minute to
    // start.
    brokerA = KafkaTestBroker.start(Topics.DEFAULT_PARTITIONS);
    brokerB = KafkaTestBroker.start(Topics.DEFAULT_PARTITIONS);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {foldA, foldB, brokerA, brokerB}) {
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
  void shouldFoldTheSameRecordsAndPublishNothingTwiceWhenKilledFiveTimesDuringAReplay() {
    long seed = Long.getLong("clawops.replay.seed", System.nanoTime());
    long generating = System.nanoTime();
    RecordedHistory history =
        RecordedHistory.generate(HISTORY_SEED, CLAWS, STEPS, Instant.now().minusSeconds(5));
    List<RecordedHistory.Sent> records = history.records();
    System.out.printf("replay: history generated in %.1f s%n", seconds(generating));
    int total = records.size();
    assertThat(total).as("envelopes in the recorded history").isGreaterThanOrEqualTo(200_000);
    // Heartbeats count by their beat counter (DESIGN F1), and the records show them; the rest is
    // applied once each, as the ledger or its run's seq high-water mark says.
    List<Envelope> expected = history.envelopesButHeartbeats();
    Set<UUID> sentIds = expected.stream().map(Envelope::eventId).collect(Collectors.toSet());
    int ledgered = sentIds.size();
    long producing = System.nanoTime();
    CompletableFuture<Void> toA =
        CompletableFuture.runAsync(() -> ReplayTopics.produce(brokerA.bootstrapServers(), records));
    CompletableFuture<Void> toB =
        CompletableFuture.runAsync(() -> ReplayTopics.produce(brokerB.bootstrapServers(), records));
    CompletableFuture.allOf(toA, toB).join();
    System.out.printf(
        "replay: %d envelopes for %d claws %s produced to two brokers in %.1f s; kill seed %d%n",
        total, CLAWS, history.census(), seconds(producing), seed);

    Map<String, String> settings = Map.of("QUARKUS_LOG_CATEGORY__IO_CLAWOPS__LEVEL", "INFO");
    foldA =
        StatusFold.on(
            "status-replay-a",
            brokerA.bootstrapServers(),
            "clawops_replay_a",
            work.resolve("replay-a"),
            settings);
    // Fold A runs beside fold B: each has its own broker and database, so what each published is
    // its own, and the two share the machine instead of waiting for each other.
    CompletableFuture<String> uninterrupted =
        CompletableFuture.supplyAsync(
            () -> {
              long begun = System.nanoTime();
              foldA.start();
              double start = seconds(begun);
              awaitCaughtUp(foldA.database(), expected, brokerA.bootstrapServers());
              double folded = seconds(begun) - start;
              return String.format(
                  "replay: uninterrupted fold A: start %.1f s, %d envelopes folded in %.1f s (%.0f/s)",
                  start, total, folded, total / folded);
            });

    foldB =
        StatusFold.on(
            "status-replay-b",
            brokerB.bootstrapServers(),
            "clawops_replay_b",
            work.resolve("replay-b"),
            settings);
    List<Long> killPoints = killPoints(new Random(seed), ledgered);
    System.out.println(
        "replay: fold B is SIGKILLed once it has applied " + killPoints + " envelopes");
    List<Double> recoveries = new ArrayList<>();
    List<Long> killedAt = new ArrayList<>();
    long started = System.nanoTime();
    foldB.start();
    for (long point : killPoints) {
      long applied =
          await()
              .atMost(Duration.ofSeconds(600))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> applied(foldB.database(), expected), count -> count >= point);
      foldB.kill();
      long kill = System.nanoTime();
      long atKill = applied(foldB.database(), expected);
      killedAt.add(atKill);
      foldB.start();
      // Folding again; or, when the fold had applied everything before this kill, nothing is left
      // to fold (a fast fold can pass the last kill points before the poll sees them).
      await()
          .atMost(Duration.ofSeconds(600))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> applied(foldB.database(), expected),
              count -> count > atKill || count >= expected.size());
      recoveries.add(seconds(kill));
      System.out.printf(
          "replay: kill %d at %d applied envelopes (target %d, %d when seen); folding again %.1f s later%n",
          killedAt.size(), atKill, point, applied, recoveries.get(recoveries.size() - 1));
    }
    awaitCaughtUp(foldB.database(), expected, brokerB.bootstrapServers());
    System.out.printf(
        "replay: fold B caught up %.1f s after its first start (%.0f/s, restarts included)%n",
        seconds(started), total / seconds(started));
    System.out.println(uninterrupted.join());

    ReplayComparison comparison = new ReplayComparison(history);
    ReplayComparison.Fold a = comparison.read("A", foldA.database(), brokerA.bootstrapServers());
    ReplayComparison.Fold b = comparison.read("B", foldB.database(), brokerB.bootstrapServers());

    Set<UUID> appliedIds = b.applied();
    long applied = sentIds.stream().filter(appliedIds::contains).count();
    assertThat(ledgered - applied).as("history envelopes fold B never applied").isZero();
    assertThat(sentIds.stream().filter(id -> !a.applied().contains(id)).count())
        .as("history envelopes fold A never applied")
        .isZero();
    comparison.assertEachAsHistorySays(a);
    comparison.assertEachAsHistorySays(b);
    comparison.assertSameRecords(a, b);
    long duplicated = comparison.assertSameTimelines(a, b);
    comparison.assertOutboxActsOnce(a, b);
    assertThat(b.deadLetters()).as("records fold B dead-lettered").isZero();
    System.out.printf(
        "replay: fold B published %d commands and %d tasks (%d records re-sent with an id already published), %d status changes; fold A %d, %d, %d%n",
        b.commands().size(),
        b.tasks().size(),
        b.resent(),
        b.statusChanges(),
        a.commands().size(),
        a.tasks().size(),
        a.statusChanges());

    FaultTable.add(
        new FaultTable.Row(
            "status-service SIGKILL ×" + KILLS + " during a replay, " + CLAWS + " claws",
            total,
            // Caught up on every topic, and every envelope but the beats applied: the heartbeats
            // were applied too (the records, beats included, equal fold A's and the history's).
            applied + (total - ledgered),
            duplicated,
            b.deadLetters(),
            ledgered - applied,
            recoveries.stream()
                    .map(s -> String.format("%.1f", s))
                    .collect(Collectors.joining(" / "))
                + " s"));
  }

  /** Kill points: envelopes applied, uniformly random between 5% and 90% of the history, sorted. */
  private static List<Long> killPoints(Random random, int total) {
    return random.longs(KILLS, total / 20, total * 9L / 10).sorted().boxed().toList();
  }

  /** How many of the history's envelopes the fold applied so far. */
  private static long applied(ClawDatabase database, List<Envelope> expected) {
    return database.appliedEventIds(expected).size();
  }

  /** Every history envelope applied, the outbox empty, and both stay so for a few sweeps. */
  private static void awaitCaughtUp(
      ClawDatabase database, List<Envelope> expected, String bootstrapServers) {
    await()
        .atMost(Duration.ofSeconds(480))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> applied(database, expected) >= expected.size() && database.outboxSize() == 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> FoldGroup.caughtUp(bootstrapServers));
    await()
        .atMost(Duration.ofSeconds(30))
        .during(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> database.outboxSize() == 0);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
