package io.clawops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.RecordFixture;
import io.clawops.testkit.TopicRecorder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runner that dies mid-run (liveness, F3, F7) across real services.
 *
 * <p>Which runner gets the second attempt is decided by Kafka, not by the test: the new attempt is
 * keyed by the claw like the first, so it lands on the partition the killed runner held, and that
 * partition moves to the surviving runner of the {@code clawops-runners} group only once the broker
 * notices the crash (the claim loop's 15 s session timeout). So the killed runner stays down until
 * the claw completed: a replacement joining earlier could be handed that partition instead.
 */
@EndToEnd
class RunnerLossIT {

  private final ClawOpsSystem system;

  RunnerLossIT(ClawOpsSystem system) {
    this.system = system;
  }

  @BeforeEach
  @AfterEach
  void twoRunnersUp() {
    system.restoreRunners();
  }

  @Test
  @RecordFixture("runner-lost")
  void shouldRedispatchToTheSurvivingRunnerAndKeepTheFailureWhenTheRunnerIsKilledMidRun() {
    try (TopicRecorder topics =
        system.kafka().record(Topics.TASKS, Topics.EVENTS, Topics.COMMANDS, Topics.STATUS)) {
      UUID clawId =
          system
              .api()
              .create(
                  ClawRequest.scenario("healthy step-ms=1500")
                      .repository(system.git().create("app"), "app", true)
                      .timeout("heartbeatSeconds", 1)
                      .timeout("runSeconds", 60))
              .clawId();
      RunClaimed first =
          (RunClaimed) topics.awaitEnvelope(Envelopes.of(clawId, RunClaimed.TYPE)).data();
      topics.awaitEnvelope(Envelopes.of(clawId, RunStarted.TYPE));
      // The runners that survive the kill: any of them may take attempt 2 (other suites may have
      // changed the fleet, so there can be more than one).
      List<String> survivors =
          system.runnerIds().stream().filter(id -> !id.equals(first.runnerId())).toList();
      assertThat(survivors).isNotEmpty();

      system.killRunner(first.runnerId());

      JsonNode lost =
          system
              .api()
              .awaitClaw(
                  clawId,
                  claw ->
                      assertThat(ClawRecords.text(claw, "/lastFailure/code"))
                          .isEqualTo("platform.runner_lost"));
      assertThat(lost.at("/lastFailure/retryable").asBoolean()).isTrue();
      assertThat(lost.at("/lastFailure/runId").asText()).isEqualTo(first.runId().toString());
      // The lost run is fenced before the new attempt goes out.
      topics.awaitEnvelope(
          envelope ->
              Envelopes.of(clawId, CommandCancel.TYPE).test(envelope)
                  && first.runId().equals(((CommandCancel) envelope.data()).runId()));
      topics.awaitEnvelope(
          envelope ->
              Envelopes.of(clawId, TaskDispatched.TYPE).test(envelope)
                  && ((TaskDispatched) envelope.data()).attempt() == 2);

      JsonNode completed = system.api().awaitStatus(clawId, "completed");

      assertThat(completed.at("/run/attempt").asInt()).isEqualTo(2);
      assertThat(completed.at("/run/runnerId").asText()).isIn(survivors);
      assertThat(completed.at("/runs/0/runnerId").asText()).isEqualTo(first.runnerId());
      // F7: recovery does not erase why the claw needed it.
      assertThat(completed.at("/lastFailure/code").asText()).isEqualTo("platform.runner_lost");
      assertThat(completed.get("failures"))
          .anySatisfy(
              failure ->
                  assertThat(failure.get("code").asText()).isEqualTo("platform.runner_lost"));
      // The operator saw the runner go offline, then the recovery, then the completion.
      topics.awaitEnvelope(
          envelope ->
              Envelopes.of(clawId, StatusChanged.TYPE).test(envelope)
                  && ((StatusChanged) envelope.data()).status() == ClawStatus.COMPLETED);
      List<StatusChanged> changes =
          Envelopes.select(topics, clawId, StatusChanged.TYPE).stream()
              .map(envelope -> (StatusChanged) envelope.data())
              .toList();
      assertThat(changes)
          .extracting(StatusChanged::status)
          .containsSubsequence(
              ClawStatus.RUNNING, ClawStatus.OFFLINE, ClawStatus.RECOVERING, ClawStatus.COMPLETED);
      // The re-dispatch was published while the connection was still offline: nothing hid the loss.
      assertThat(firstOf(changes, ClawStatus.OFFLINE).connection())
          .isEqualTo(ConnectionState.OFFLINE);
      assertThat(firstOf(changes, ClawStatus.RECOVERING).connection())
          .isEqualTo(ConnectionState.OFFLINE);
      RunClaimed second =
          (RunClaimed)
              topics
                  .awaitEnvelope(
                      envelope ->
                          Envelopes.of(clawId, RunClaimed.TYPE).test(envelope)
                              && ((RunClaimed) envelope.data()).attempt() == 2)
                  .data();
      assertThat(second.runnerId()).isIn(survivors);
    }
  }

  private static StatusChanged firstOf(List<StatusChanged> changes, ClawStatus status) {
    return changes.stream().filter(change -> change.status() == status).findFirst().orElseThrow();
  }
}
