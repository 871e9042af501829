package io.clawops.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRequest;
import io.clawops.e2e.system.EndToEnd;
import io.clawops.e2e.system.Envelopes;
import io.clawops.e2e.system.ServiceProcess;
import io.clawops.testkit.TopicRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A runner SIGKILLed in the middle of a claim, at the two steps its test hook names
 * (runner-service/README "Test hooks"): after it took the task but before {@code run.claimed}, and
 * after {@code run.claimed} (task committed) but before the agent started. Either way the task runs
 * exactly once, on the runner that takes over: one {@code run.started}, one completed run.
 */
@EndToEnd
class ClaimKillFaultIT {

  private static final String HOOK = "CLAWOPS_RUNNER_TEST_PAUSE_AT";

  private final ClawOpsSystem system;

  ClaimKillFaultIT(ClawOpsSystem system) {
    this.system = system;
  }

  @Test
  void shouldRunATaskOnceWhenItsRunnerDiesAfterTakingItBeforeRunClaimed() {
    killAt("before-claimed");
  }

  @Test
  void shouldRunATaskOnceWhenItsRunnerDiesAfterRunClaimedBeforeTheAgentStarts() {
    killAt("before-start");
  }

  private void killAt(String step) {
    String suffix = UUID.randomUUID().toString().substring(0, 4);
    String paused = "runner-pause-" + suffix;
    String added = "runner-takeover-" + suffix;
    try (TopicRecorder events = system.kafka().record(Topics.EVENTS)) {
      ServiceProcess victim =
          system.replaceRunnersWith(paused, Map.of(HOOK, step, "CLAWOPS_RUNNER_SLOTS", "1"));
      UUID claw =
          system
              .api()
              .create(
                  ClawRequest.scenario("healthy")
                      .timeout("idleSeconds", 30)
                      .repository(system.git().create("app"), "app", true))
              .clawId();
      await().atMost(Duration.ofSeconds(120)).until(() -> logOf(victim).contains("paused " + step));
      if (step.equals("before-start")) {
        events.awaitEnvelope(
            envelope ->
                envelope.data() instanceof RunClaimed claimed && paused.equals(claimed.runnerId()));
      }
      long killedAt = System.nanoTime();
      system.killRunner(paused);
      system.addRunner(added, 2);
      system.api().awaitStatus(claw, "completed");
      double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

      List<RunClaimed> claims =
          Envelopes.select(events, claw, RunClaimed.TYPE).stream()
              .map(envelope -> (RunClaimed) envelope.data())
              .toList();
      List<RunStarted> starts =
          Envelopes.select(events, claw, RunStarted.TYPE).stream()
              .map(envelope -> (RunStarted) envelope.data())
              .toList();
      long completions =
          Envelopes.select(events, claw, RunFinished.TYPE).stream()
              .filter(envelope -> ((RunFinished) envelope.data()).outcome() == RunOutcome.COMPLETED)
              .count();
      assertThat(starts).as("run.started of %s", claw).hasSize(1);
      assertThat(completions).as("completed runs of %s", claw).isEqualTo(1);
      assertThat(claims)
          .as("the claim of the started run of %s", claw)
          .filteredOn(claim -> claim.runId().equals(starts.get(0).runId()))
          .extracting(RunClaimed::runnerId)
          .containsExactly(added);
      assertThat(claims)
          .filteredOn(claim -> claim.runnerId().equals(paused))
          .hasSize(step.equals("before-claimed") ? 0 : 1);
      FaultTable.add(
          new FaultTable.Row(
              "runner SIGKILL mid-claim, " + step,
              1,
              completions,
              starts.size() - 1,
              0,
              1 - completions,
              String.format("%.1f s", recoverySeconds)));
    } finally {
      if (system.runnerIds().contains(paused)) {
        system.killRunner(paused);
      }
      system.restoreRunners();
    }
  }

  private static String logOf(ServiceProcess process) {
    try {
      return Files.readString(process.log(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
