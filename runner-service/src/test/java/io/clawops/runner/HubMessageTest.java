package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A corrective hub message reaches the agent's stdin once and changes what it does. */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class HubMessageTest {

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldDeliverAHubMessageThatLetsTheAgentRecover() {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task().prompt("scenario: elevated-loop-recovers interval-ms=300"));
    RunStarted started = client.await(clawId, RunStarted.class);
    await().until(() -> failedToolResults(clawId).size() >= 2);

    UUID commandId = UUID.randomUUID();
    client.inject(
        clawId, started.runId(), commandId, "Elevated exec is not available; install to ~/.local.");
    RunHubMessageDelivered delivered = client.await(clawId, RunHubMessageDelivered.class);
    RunFinished finished = client.awaitFinished(clawId);

    assertThat(delivered.commandId()).isEqualTo(commandId);
    assertThat(delivered.runId()).isEqualTo(started.runId());
    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(failedToolResults(clawId))
        .allSatisfy(
            result ->
                assertThat(result.errorSummary())
                    .isEqualTo("exec failed: elevated is not available"));
    List<RunToolUse> afterMessage =
        client.events(clawId).stream()
            .filter(event -> event.seq() > delivered.seq() && event instanceof RunToolUse)
            .map(RunToolUse.class::cast)
            .toList();
    assertThat(afterMessage)
        .last()
        .satisfies(use -> assertThat(use.inputSummary()).doesNotContain("elevated"));
  }

  @Test
  void shouldActOnceOnADuplicatedCommand() {
    UUID clawId =
        client.dispatch(
            RunnerTestClient.task()
                .prompt("scenario: elevated-loop-stubborn interval-ms=200 max-tries=200"));
    RunStarted started = client.await(clawId, RunStarted.class);

    UUID commandId = UUID.randomUUID();
    client.inject(clawId, started.runId(), commandId, "Stop using elevation.");
    client.inject(clawId, started.runId(), commandId, "Stop using elevation.");
    client.inject(clawId, UUID.randomUUID(), UUID.randomUUID(), "For a run nobody owns.");
    client.await(clawId, RunHubMessageDelivered.class);

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> client.envelopes(clawId, RunHubMessageDelivered.TYPE).size() == 1);
    client.cancel(clawId, started.runId(), "test done");
    assertThat(client.awaitFinished(clawId).outcome()).isEqualTo(RunOutcome.CANCELLED);
  }

  @Test
  void shouldReportAMessageUndeliveredWhenTheAgentTakesNoInputMidRun() {
    UUID clawId = client.dispatch(RunnerTestClient.task().runtime("no-input-cli"));
    RunStarted started = client.await(clawId, RunStarted.class);

    UUID commandId = UUID.randomUUID();
    client.inject(clawId, started.runId(), commandId, "Stop using elevation.");
    RunHubMessageUndelivered undelivered = client.await(clawId, RunHubMessageUndelivered.class);

    assertThat(undelivered.commandId()).isEqualTo(commandId);
    assertThat(undelivered.runId()).isEqualTo(started.runId());
    assertThat(undelivered.reason()).contains("takes no input mid-run").contains("no-input-cli");
    assertThat(client.envelopes(clawId, RunHubMessageDelivered.TYPE)).isEmpty();
    client.cancel(clawId, started.runId(), "test done");
    assertThat(client.awaitFinished(clawId).outcome()).isEqualTo(RunOutcome.CANCELLED);
  }

  private List<RunToolResult> failedToolResults(UUID clawId) {
    return client.events(clawId).stream()
        .filter(event -> event instanceof RunToolResult result && !result.ok())
        .map(RunToolResult.class::cast)
        .toList();
  }
}
