package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.testkit.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * status-service crashing mid-stream (F1, DESIGN §9 at-least-once) and coming back.
 *
 * <p>A restarted instance folds nothing until the broker drops the killed instance from the {@code
 * clawops-status} group (the fold consumer's session timeout, 45 s by default); {@link
 * ClawOpsSystem#startStatusService()} waits for that, so each test here takes most of a minute.
 */
@EndToEnd
class StatusServiceRestartIT {

  private final ClawOpsSystem system;

  StatusServiceRestartIT(ClawOpsSystem system) {
    this.system = system;
  }

  /**
   * The same deterministic run folded without interruption (reference) and across a SIGKILL and
   * restart must give the same record. Heartbeat and deadline are generous so that no liveness or
   * deadline timer is due during the outage: this test is about delivery; what timers do during a
   * restart is the next test's subject.
   */
  @Test
  void shouldApplyEveryEventExactlyOnceWhenStatusServiceIsKilledWhileAClawsEventsFlow() {
    String repository = system.git().create("app");
    UUID reference = create(repository, "healthy step-ms=700", 30);
    JsonNode expected = system.api().awaitStatus(reference, "completed");

    try (TopicRecorder inputs =
        system.kafka().record(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS)) {
      UUID clawId = create(repository, "healthy step-ms=700", 30);
      awaitRunning(clawId);

      system.killStatusService();
      // The rest of the run happens while nothing folds it.
      inputs.awaitEnvelope(Envelopes.of(clawId, RunFinished.TYPE));
      system.startStatusService();

      JsonNode actual = system.api().awaitStatus(clawId, "completed");

      assertThat(RecordShape.of(actual)).isEqualTo(RecordShape.of(expected));
      assertThat(RecordShape.timeline(system.api().timeline(clawId)))
          .isEqualTo(RecordShape.timeline(system.api().timeline(reference)));
      List<Envelope> envelopes =
          inputs.envelopes().stream()
              .filter(envelope -> envelope.clawId().equals(clawId))
              // Heartbeats count by their beat counter (DESIGN F1).
              .filter(envelope -> !(envelope.data() instanceof RunHeartbeat))
              .toList();
      Set<UUID> published = envelopes.stream().map(Envelope::eventId).collect(Collectors.toSet());
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(system.database().appliedEventIds(envelopes)).containsAll(published));
    }
  }

  /**
   * Liveness is judged from heartbeats the fold has applied. While a restarted status-service has
   * not caught up with the backlog, the last applied beat is old only because nothing was folded: a
   * healthy run must not be declared lost, cancelled or re-dispatched for that.
   */
  @Test
  @RecordFixture("healthy-across-restart")
  void shouldNotCancelOrRedispatchAHealthyRunWhileARestartedStatusServiceCatchesUp() {
    try (TopicRecorder topics =
        system.kafka().record(Topics.TASKS, Topics.EVENTS, Topics.COMMANDS)) {
      UUID clawId = create(system.git().create("app"), "healthy step-ms=4000", 1);
      awaitRunning(clawId);

      system.killStatusService();
      system.startStatusService();

      RunFinished finished =
          (RunFinished) topics.awaitEnvelope(Envelopes.of(clawId, RunFinished.TYPE)).data();
      assertThat(Envelopes.select(topics, clawId, CommandCancel.TYPE))
          .as("cancels sent for a run whose runner kept beating")
          .isEmpty();
      assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
      JsonNode claw = system.api().awaitStatus(clawId, "completed");
      assertThat(claw.at("/run/attempt").asInt()).isEqualTo(1);
      assertThat(ClawRecords.text(claw, "/lastFailure")).isNull();
      assertThat(Envelopes.select(topics, clawId, TaskDispatched.TYPE)).hasSize(1);
    }
  }

  private UUID create(String repository, String scenario, int heartbeatSeconds) {
    return system
        .api()
        .create(
            ClawRequest.scenario(scenario)
                .repository(repository, "app", true)
                .timeout("heartbeatSeconds", heartbeatSeconds)
                .timeout("idleSeconds", 10)
                .timeout("runSeconds", 120))
        .clawId();
  }

  /** Until status-service has folded the run's start: it is killed mid-stream, not before. */
  private void awaitRunning(UUID clawId) {
    system
        .api()
        .awaitClaw(clawId, claw -> assertThat(claw.get("lifecycle").asText()).isEqualTo("running"));
  }
}
