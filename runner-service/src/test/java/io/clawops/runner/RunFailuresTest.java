package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.DeadLetterHeaders;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.simagent.scenario.Crash;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.ConsumedRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs that cannot start or whose agent misbehaves fail fast with a classified reason. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RunFailuresTest {

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldFailAtOnceWhenTheRuntimeIsUnknown() {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("no-such-runtime"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(client.events(clawId))
        .extracting(RunEvent::type)
        .containsExactly("run.claimed", "run.finished");
    assertThat(finished.seq()).isEqualTo(2);
    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("agent.process_failure");
    assertThat(finished.message()).contains("'no-such-runtime' is not configured", "sim");
    assertThat(finished.deadlineAt()).isNull();
  }

  @Test
  void shouldFailWhenTheWorkspaceDoesNotExist() {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task()
                .workspacePath(
                    RunnerTestClient.WORKSPACES
                        .resolve("missing-" + UUID.randomUUID())
                        .toString()));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("platform.sandbox_unavailable");
    assertThat(finished.message()).contains("does not exist");
  }

  @Test
  void shouldFailWithTheEndOfStderrWhenTheAgentCrashes() {
    UUID clawId = client.dispatch(RunnerTestClient.task().prompt("scenario: crash"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("agent.process_failure");
    assertThat(finished.message())
        .contains("exited with code 3", Crash.PANIC, "main.go:12")
        .hasSizeLessThanOrEqualTo(300);
  }

  @Test
  void shouldReportUnparseableOutputWhenNoProtocolLineCame() {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("no-protocol"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("agent.unparseable_output");
  }

  @Test
  void shouldReportProcessFailureWhenTheAgentExitsWithoutAResult() {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("no-result"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(finished.code()).isEqualTo("agent.process_failure");
    assertThat(finished.message()).contains("without a result line", "lost my train of thought");
  }

  @Test
  void shouldDeadLetterAMalformedTaskAndKeepClaiming() {
    String key = UUID.randomUUID().toString();
    client.publishRaw(Topics.TASKS, key, "{\"type\":\"task.dispatched\",\"clawId\":");

    ConsumedRecord dead =
        client.awaitRecord(record -> record.topic().equals(Topics.DLQ) && key.equals(record.key()));
    UUID clawId = client.dispatch(RunnerTestClient.task());

    assertThat(dead.value()).isEqualTo("{\"type\":\"task.dispatched\",\"clawId\":");
    assertThat(dead.header(DeadLetterHeaders.REASON)).contains("not valid JSON");
    assertThat(dead.header(DeadLetterHeaders.TOPIC)).isEqualTo(Topics.TASKS);
    assertThat(client.awaitFinished(clawId).outcome()).isEqualTo(RunOutcome.COMPLETED);
  }
}
