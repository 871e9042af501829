package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.ServiceProcess;
import io.clawops.e2e.system.StandaloneBroker;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker SIGKILLed and started again (same port, same log directory) while runners stream
 * events and heartbeats for running agents: afterwards every event the agents produced is in the
 * claw records, each run completed as its first attempt (no run judged lost because of the broker),
 * and every consumer still works.
 */
class BrokerRestartFaultIT {

  private static final int CLAWS = 4;

  /** Shorter than the outage: the time the runner waits for the broker is not agent silence. */
  private static final int IDLE_SECONDS = 12;

  private static StandaloneBroker broker;
  private static ClawOpsSystem system;

  @BeforeAll
  static void start() {
    Path work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
    broker = StandaloneBroker.start(work.resolve("broker-restart-kafka"), 12);
    system =
        ClawOpsSystem.startOn(
            broker.bootstrapServers(), "clawops_broker_restart", work.resolve("broker-restart"));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldLoseNoEventAndJudgeNoRunLostWhenTheBrokerIsKilledUnderLoad() {
    try (TopicRecorder topics = system.kafka().record(Topics.EVENTS, Topics.HEARTBEATS)) {
      List<UUID> claws = new ArrayList<>();
      for (int i = 0; i < CLAWS; i++) {
        claws.add(
            system
                .api()
                .create(
                    ClawRequest.scenario("flood lines=3000 burst=100 pause-ms=400")
                        // A liveness budget longer than a broker restart: 6 missed beats of 10 s
                        // under the suite's rules (the suite's usual 2 s would give 12 s, less
                        // than a broker JVM's start on a loaded 2-core machine).
                        .timeout("heartbeatSeconds", 10)
                        // Idle budgets shorter than the outage (FINDINGS #11): the runner
                        // holds the agent's output while the broker is away, and must not take
                        // that time for agent silence.
                        .timeout("idleSeconds", IDLE_SECONDS)
                        .timeout("toolIdleSeconds", IDLE_SECONDS)
                        .timeout("runSeconds", 180)
                        .repository(system.git().create("app"), "app", true))
                .clawId());
      }
      // Under load: every claw's agent is streaming before the broker dies.
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(claws)
                      .allSatisfy(
                          claw -> assertThat(eventsOf(topics, claw).size()).isGreaterThan(20)));

      long killedAt = System.nanoTime();
      broker.kill();
      int beforeRestart = topics.records().size();
      broker.restart();
      // Recovered: status-service folds a record published after the restart.
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> topics.records().size() > beforeRestart && foldedSince(topics, beforeRestart));
      double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;
      assertThat(recoverySeconds)
          .as("the outage must outlast the claws' idle budget for this case to prove anything")
          .isGreaterThan(IDLE_SECONDS);

      long sent = 0;
      long applied = 0;
      long duplicated = 0;
      long lost = 0;
      for (UUID claw : claws) {
        JsonNode record =
            await()
                .atMost(Duration.ofSeconds(180))
                .ignoreExceptions()
                .until(() -> system.api().claw(claw), r -> r != null && isFinal(r));
        assertThat(record.path("status").asText())
            .as("status of %s", record)
            .isEqualTo("completed");
        assertThat(record.at("/run/attempt").asInt()).as("attempt of %s", claw).isEqualTo(1);
        assertThat(record.path("runs").size()).as("runs of %s", claw).isEqualTo(1);
        assertThat(record.toString())
            .doesNotContain("platform.runner_lost")
            .doesNotContain("platform.idle_watchdog");

        List<Envelope> events = eventsOf(topics, claw);
        Set<UUID> ids = events.stream().map(Envelope::eventId).collect(Collectors.toSet());
        Set<Long> seqs = new HashSet<>();
        long dups = 0;
        for (Envelope event : events) {
          if (!seqs.add(((RunEvent) event.data()).seq())) {
            dups++;
          }
        }
        long last = seqs.stream().mapToLong(Long::longValue).max().orElse(0);
        Set<Long> gaps =
            LongStream.rangeClosed(1, last)
                .filter(s -> !seqs.contains(s))
                .boxed()
                .collect(Collectors.toSet());
        assertThat(gaps).as("seq gaps in the events of %s", claw).isEmpty();
        assertThat(events.get(events.size() - 1).type()).isEqualTo("run.finished");
        Set<UUID> folded =
            await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> system.database().appliedEventIds(events), f -> f.containsAll(ids));
        sent += last;
        applied += ids.stream().filter(folded::contains).count();
        duplicated += dups;
        lost += gaps.size();
      }
      // No consumer died: a claw created after the restart runs through every topic again.
      UUID after =
          system
              .api()
              .create(
                  ClawRequest.scenario("elevated-loop-recovers interval-ms=300")
                      .timeout("idleSeconds", 30)
                      .repository(system.git().create("app"), "app", true))
              .clawId();
      system.api().awaitStatus(after, "completed");
      for (ServiceProcess service : system.services().values()) {
        assertThat(service.isAlive()).as(service.name()).isTrue();
      }
      FaultTable.add(
          new FaultTable.Row(
              "broker SIGKILL + restart, " + CLAWS + " agents streaming",
              sent,
              applied,
              duplicated,
              0,
              lost,
              String.format("%.1f s", recoverySeconds)));
    }
  }

  private static boolean foldedSince(TopicRecorder topics, int from) {
    List<Envelope> fresh = new ArrayList<>();
    List<ConsumedRecord> records = topics.records();
    records.subList(from, records.size()).stream()
        .flatMap(r -> r.envelope().stream())
        .filter(e -> !(e.data() instanceof RunHeartbeat))
        .forEach(fresh::add);
    if (fresh.isEmpty()) {
      return false;
    }
    return !system.database().appliedEventIds(fresh).isEmpty();
  }

  private static List<Envelope> eventsOf(TopicRecorder topics, UUID claw) {
    return topics.records().stream()
        .filter(r -> r.topic().equals(Topics.EVENTS) && claw.toString().equals(r.key()))
        .flatMap(r -> r.envelope().stream())
        .toList();
  }

  private static boolean isFinal(JsonNode record) {
    return "finished".equals(record.path("lifecycle").asText())
        && !"recovering".equals(record.path("status").asText());
  }
}
