package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner stops agents at the deadline, when silent, and on cancel, with the right outcome. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RunStoppingTest {

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldTimeOutAtTheHardDeadline() {
    UUID clawId =
        client.dispatch(RunnerTestClient.task().prompt("scenario: hang").timeouts(2, 30, 30));

    RunStarted started = client.await(clawId, RunStarted.class);
    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
    assertThat(finished.code()).isEqualTo("platform.hard_timeout");
    assertThat(finished.deadlineAt()).isEqualTo(started.deadlineAt());
    assertThat(finished.finishedAt()).isAfterOrEqualTo(started.deadlineAt());
  }

  @Test
  void shouldStopASilentAgentAsStalled() {
    UUID clawId =
        client.dispatch(RunnerTestClient.task().prompt("scenario: hang").timeouts(30, 1, 30));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.STALLED);
    assertThat(finished.code()).isEqualTo("platform.idle_watchdog");
    assertThat(finished.message()).contains("idleSeconds");
    assertThat(finished.finishedAt()).isBefore(finished.deadlineAt());
  }

  @Test
  void shouldLetASlowToolRunWithinToolIdleSeconds() {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task()
                .prompt("scenario: slow-tool tool-seconds=3")
                .timeouts(30, 2, 10));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
  }

  @Test
  void shouldCancelARunningAgent() {
    UUID clawId = client.dispatch(RunnerTestClient.task().prompt("scenario: hang"));
    RunStarted started = client.await(clawId, RunStarted.class);

    client.cancel(clawId, started.runId(), "operator asked");
    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
    assertThat(finished.code()).isEqualTo("platform.cancelled");
    assertThat(finished.message()).contains("operator asked");
  }

  @Test
  void shouldCancelWhateverRunsForTheClawWhenNoRunIsNamed() {
    UUID clawId = client.dispatch(RunnerTestClient.task().prompt("scenario: hang"));
    client.await(clawId, RunStarted.class);

    client.cancel(clawId, null, "claw removed");

    assertThat(client.awaitFinished(clawId).outcome()).isEqualTo(RunOutcome.CANCELLED);
  }

  @Test
  void shouldKeepTheTimeoutWhenACancelArrivesAfterTheDeadline() {
    // This agent ignores SIGTERM, so the run is still owned during the stop grace after the
    // deadline, when the cancel arrives.
    UUID clawId =
        client.dispatch(RunnerTestClient.task().runtime("term-ignoring").timeouts(2, 30, 30));
    RunStarted started = client.await(clawId, RunStarted.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(started.deadlineAt()));

    client.cancel(clawId, started.runId(), "too late");
    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
    assertThat(finished.code()).isEqualTo("platform.hard_timeout");
  }

  @Test
  void shouldKillTheWholeProcessTreeWhenTheAgentIgnoresSigterm() throws Exception {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("term-ignoring"));
    RunStarted started = client.await(clawId, RunStarted.class);
    Path childPidFile = RunnerTestClient.workspace(clawId).resolve(".child-pid");
    await().until(() -> Files.exists(childPidFile) && !Files.readString(childPidFile).isBlank());
    long childPid = Long.parseLong(Files.readString(childPidFile).strip());

    Instant cancelledAt = Instant.now();
    client.cancel(clawId, started.runId(), "stop it");
    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
    // SIGTERM was ignored: only the SIGKILL after the 1 s stop grace ended it.
    assertThat(Duration.between(cancelledAt, finished.finishedAt()))
        .isGreaterThan(Duration.ofMillis(900));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false) == false);
  }
}
