package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Digests;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an agent says on stdout becomes run events with exact sequence numbers. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class RunEventsTest {

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldPublishEveryEventOfAHealthyRunInSeqOrder() throws Exception {
    UUID clawId = client.dispatch(RunnerTestClient.task().attempt(2));

    RunFinished finished = client.awaitFinished(clawId);

    List<RunEvent> events = client.events(clawId);
    assertThat(events)
        .extracting(RunEvent::type)
        .containsExactly(
            "run.claimed",
            "run.started",
            "run.model",
            "run.model",
            "run.tool_use",
            "run.tool_result",
            "run.tool_use",
            "run.tool_result",
            "run.finished");
    assertThat(events)
        .extracting(RunEvent::seq)
        .containsExactly(LongStream.rangeClosed(1, 9).boxed().toArray(Long[]::new));
    assertThat(events).extracting(RunEvent::runId).containsOnly(finished.runId());
    assertThat(events).extracting(RunEvent::attempt).containsOnly(2);
    assertThat(((RunClaimed) events.get(0)).runnerId()).isEqualTo("runner-test");
    RunStarted started = (RunStarted) events.get(1);
    assertThat(started.modelProfile().model()).isEqualTo("sim-model");
    assertThat(((RunModel) events.get(2)).phase()).isEqualTo(ModelPhase.REQUEST);
    RunToolUse read = (RunToolUse) events.get(4);
    assertThat(read.tool()).isEqualTo("read_file");
    assertThat(read.inputSummary()).isEqualTo("{\"path\":\"README.md\"}");
    assertThat(read.inputDigest())
        .isEqualTo(
            Digests.canonicalSha256(new ObjectMapper().readTree("{\"path\":\"README.md\"}")));
    RunToolResult result = (RunToolResult) events.get(5);
    assertThat(result.tool()).isEqualTo("read_file");
    assertThat(result.ok()).isTrue();
    assertThat(result.outputDigest()).isNotBlank();
    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(finished.code()).isNull();
    assertThat(finished.deadlineAt()).isEqualTo(started.deadlineAt());
    assertThat(finished.finishedAt()).isBefore(started.deadlineAt());
    assertThat(client.heartbeats(clawId))
        .isNotEmpty()
        .allSatisfy(
            beat -> {
              assertThat(beat.runId()).isEqualTo(finished.runId());
              assertThat(beat.runnerId()).isEqualTo("runner-test");
            });
  }

  @Test
  void shouldStartTheAgentInItsWorkspaceWithTheClawEnvironment() throws Exception {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task().runtime("env-probe").prompt("Fix the flaky test").model("m-1"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    Path workspace = RunnerTestClient.workspace(clawId);
    List<String> env = Files.readAllLines(workspace.resolve(".probe-env"));
    assertThat(env)
        .contains(
            "CLAW_ID=" + clawId,
            "CLAW_RUN_ID=" + finished.runId(),
            "CLAW_ATTEMPT=1",
            "CLAW_MODEL=m-1",
            "CLAW_MODEL_PROFILE=primary",
            "CLAW_CAPABILITIES={\"elevatedExec\":false,\"browser\":false,\"fileTools\":true,\"processTools\":true}",
            "FOO=bar");
    assertThat(env).noneMatch(line -> line.startsWith("CLAWOPS_") || line.startsWith("QUARKUS_"));
    assertThat(Files.readString(workspace.resolve(".probe-pwd")).strip())
        .isEqualTo(workspace.toRealPath().toString());
    assertThat(Files.readString(workspace.resolve(".probe-prompt")))
        .isEqualTo("Fix the flaky test");
    Path promptFile = Path.of(Files.readString(workspace.resolve(".probe-prompt-path")).strip());
    assertThat(promptFile.startsWith(workspace)).isFalse();
    assertThat(promptFile).doesNotExist();
  }

  @Test
  void shouldCutAnOversizedLineWithoutFailingTheRun() {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("long-line"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(client.events(clawId))
        .extracting(RunEvent::type)
        .containsExactly(
            "run.claimed", "run.started", "run.tool_use", "run.tool_result", "run.finished");
  }

  @Test
  void shouldReportAModelTimeoutAndCompleteOnTheModelThatAnswers() {
    String prompt = "scenario: model-timeout ok-model=fallback-model wait-ms=50";
    UUID primary = client.dispatch(RunnerTestClient.task().prompt(prompt).model("primary-model"));
    UUID fallback = client.dispatch(RunnerTestClient.task().prompt(prompt).model("fallback-model"));

    RunFinished timedOut = client.awaitFinished(primary);
    RunFinished completed = client.awaitFinished(fallback);

    assertThat(client.events(primary))
        .anySatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunModel.class);
              assertThat(((RunModel) event).phase()).isEqualTo(ModelPhase.TIMEOUT);
              assertThat(((RunModel) event).model()).isEqualTo("primary-model");
            })
        .anySatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunError.class);
              assertThat(((RunError) event).code()).isEqualTo("agent.model_timeout");
            });
    assertThat(timedOut.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(timedOut.code()).isEqualTo("agent.process_failure");
    assertThat(timedOut.message()).contains("exited with code 2");
    assertThat(completed.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(Duration.between(completed.finishedAt(), completed.deadlineAt())).isPositive();
  }
}
