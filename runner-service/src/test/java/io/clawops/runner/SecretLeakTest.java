package io.clawops.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.simagent.scenario.SecretLeak;
import io.clawops.testkit.ClawOpsTestResource;
import io.clawops.testkit.ConsumedRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials an agent prints never reach a topic or the runner log (F10). */
@QuarkusTest
@WithTestResource(ClawOpsTestResource.class)
class SecretLeakTest {

  /** Where the test profile writes the runner log, agent text and stderr included (debug). */
  private static final Path RUNNER_LOG = Path.of("target", "runner-test.log");

  private final RunnerTestClient client = new RunnerTestClient();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldKeepEverySecretOffTheTopicsAndOutOfTheLog() {
    UUID clawId = client.dispatch(RunnerTestClient.task().prompt("scenario: secret-leak"));

    RunFinished finished = client.awaitFinished(clawId);

    assertThat(finished.outcome()).isEqualTo(RunOutcome.COMPLETED);
    assertThat(client.records())
        .extracting(ConsumedRecord::value)
        .allSatisfy(
            value -> assertThat(value).doesNotContain(SecretLeak.SECRETS.toArray(String[]::new)));
    // The secrets did pass through the runner, redacted: the test is not vacuous.
    assertThat(client.events(clawId))
        .anySatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunToolUse.class);
              assertThat(((RunToolUse) event).inputSummary())
                  .contains("https://***@git.example.com");
            })
        .anySatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunToolResult.class);
              assertThat(((RunToolResult) event).errorSummary()).contains("[REDACTED]");
            })
        .anySatisfy(
            event -> {
              assertThat(event).isInstanceOf(RunError.class);
              assertThat(((RunError) event).message()).contains("[REDACTED]");
            });
    String stderrLine = "run " + finished.runId() + " agent stderr";
    await().until(() -> Files.readString(RUNNER_LOG).contains(stderrLine));
    String log = readLog();
    assertThat(log).doesNotContain(SecretLeak.SECRETS.toArray(String[]::new));
    assertThat(log.lines().filter(line -> line.contains(finished.runId().toString())))
        .anySatisfy(line -> assertThat(line).contains("stderr", "password=[REDACTED]"))
        .anySatisfy(line -> assertThat(line).contains("agent: Using token [REDACTED]"));
  }

  private static String readLog() {
    try {
      return Files.readString(RUNNER_LOG);
    } catch (java.io.IOException e) {
      throw new AssertionError("runner log not readable: " + RUNNER_LOG, e);
    }
  }
}
