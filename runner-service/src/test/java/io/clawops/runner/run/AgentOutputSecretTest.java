package io.clawops.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.AgentFormat;
import io.clawops.runner.agent.AgentLauncher;
import io.clawops.runner.agent.BoundedLineReader;
import io.clawops.runner.agent.LaunchPlan;
import io.clawops.runner.agent.RuntimeProfile;
import io.clawops.runner.agent.RuntimeProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential the runner hands to an agent never leaves the runner in what the agent writes,
 * whatever its shape: a key no sanitizer rule knows, echoed by the provider in a tool result, an
 * error result and on stderr, is gone from every event, the failure message and the stderr tail.
 */
class AgentOutputSecretTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @TempDir Path root;

  @Test
  void shouldRemoveTheHandedOverKeyFromEveryTextTheAgentWrites() throws Exception {
    String key = "zz-" + random(40);
    // The key's shape is unknown to the contracts Sanitizer: only the runner's redaction helps.
    assertThat(Sanitizer.sanitize("invalid x-api-key " + key)).contains(key);

    UUID clawId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    Path workspace = Files.createDirectories(root.resolve("workspaces").resolve("w"));
    RuntimeProfile gemini =
        new RuntimeProfile(
            "gemini",
            List.of("gemini"),
            Map.of(),
            AgentFormat.GEMINI_STREAM_JSON,
            List.of(),
            "http://127.0.0.1:9",
            "provider-key");
    AgentLauncher launcher =
        new AgentLauncher(
            new RuntimeProfiles(Map.of("gemini", gemini)),
            Optional.of(root.resolve("workspaces")),
            root.resolve("scratch"),
            Map.of("CLAWOPS_SECRET_PROVIDER_KEY", key));
    LaunchPlan.Ready plan = (LaunchPlan.Ready) launcher.plan(clawId, runId, task(workspace));
    assertThat(plan.env()).containsValue(key);

    List<RunEvent> published = new CopyOnWriteArrayList<>();
    RunEventSink sink =
        (claw, event) -> {
          published.add(event);
          return CompletableFuture.completedFuture(null);
        };
    AgentOutput output =
        new AgentOutput(runId, 1, "scripted-401", new RunEventStream(clawId, sink), 4000);
    output.use(plan.adapter(), plan.secrets(), translation -> {});

    stdout(output, "{\"type\":\"init\",\"session_id\":\"s\",\"model\":\"scripted-401\"}");
    stdout(
        output,
        "{\"type\":\"tool_use\",\"tool_name\":\"run_shell_command\",\"tool_id\":\"t1\","
            + "\"parameters\":{\"command\":\"curl -H 'k: "
            + key
            + "' http://x\"}}");
    stdout(
        output,
        "{\"type\":\"tool_result\",\"tool_id\":\"t1\",\"status\":\"error\","
            + "\"error\":{\"type\":\"x\",\"message\":\"refused key "
            + key
            + "\"}}");
    stdout(
        output,
        "{\"type\":\"result\",\"status\":\"error\",\"error\":{\"type\":\"unknown\","
            + "\"message\":\"[API Error: 401 invalid x-api-key: "
            + key
            + "]\"}}");
    output.onStderr(new BoundedLineReader.Line("request failed with key " + key, false));

    RunEnding ending = output.ending(null, 1, 3);
    FinalOutcome outcome = OutcomeDecider.decide(ending);

    assertThat(published).isNotEmpty();
    for (RunEvent event : published) {
      assertThat(EnvelopeCodec.mapper().writeValueAsString(event)).doesNotContain(key);
    }
    assertThat(published)
        .filteredOn(RunToolResult.class::isInstance)
        .singleElement()
        .satisfies(
            result -> assertThat(((RunToolResult) result).errorSummary()).contains("[REDACTED]"));
    assertThat(ending.result().summary()).doesNotContain(key).contains("[REDACTED]");
    assertThat(ending.stderrTail()).doesNotContain(key).contains("[REDACTED]");
    assertThat(outcome.message()).doesNotContain(key);
    assertThat(outcome.code()).isEqualTo("agent.provider_auth");
  }

  @Test
  void shouldKeepNoPieceOfAKeyTheStderrTailCutsThrough() {
    String anthropic = "sk" + "-ant-api03-" + "An6QhWz3kRtY0001Vu9X_Lm2NbQe" + "-AA";
    int tail = 200;
    AgentOutput output = output(tail);
    String cutLine = "debug: key " + anthropic;
    stderr(output, cutLine);
    // A redrawn progress bar: long raw, a few characters once sanitized. The raw tail would start
    // in the middle of the key, where nothing shows it is one.
    int keep = cutLine.length() - cutLine.indexOf("QhWz");
    stderr(output, "\u001B[2K\r".repeat((tail - 1 - keep - 9) / 5) + "done 100%");

    RunEnding ending = output.ending(null, 1, 3);

    for (String kept : List.of(ending.stderrTail(), OutcomeDecider.decide(ending).message())) {
      assertThat(kept)
          .doesNotContain("QhWz3kRtY")
          .doesNotContain("Vu9X_Lm2NbQe")
          .contains("done 100%");
    }
  }

  @Test
  void shouldKeepNoLineOfAKeyBlockTheStderrTailStartsInside() {
    String keyBody = "MIIEpAIBAAKCAQEARk9QhWz3kRtY0001";
    String end = "-----END RSA PRIVATE KEY-----";
    // The tail holds the key's body and END line, not its BEGIN line.
    AgentOutput output = output(keyBody.length() + end.length() + "exit".length() + 2);
    stderr(output, "-----BEGIN RSA PRIVATE KEY-----");
    stderr(output, keyBody);
    stderr(output, end);
    stderr(output, "exit");

    RunEnding ending = output.ending(null, 1, 3);

    assertThat(ending.stderrTail()).doesNotContain(keyBody).endsWith("exit");
    assertThat(OutcomeDecider.decide(ending).message()).doesNotContain(keyBody);
  }

  private static AgentOutput output(int stderrTail) {
    RunEventSink sink = (claw, event) -> CompletableFuture.completedFuture(null);
    return new AgentOutput(
        UUID.randomUUID(), 1, "m", new RunEventStream(UUID.randomUUID(), sink), stderrTail);
  }

  private static void stderr(AgentOutput output, String line) {
    output.onStderr(new BoundedLineReader.Line(line, false));
  }

  private static void stdout(AgentOutput output, String line) {
    output.onStdout(new BoundedLineReader.Line(line, false));
  }

  private static TaskDispatched task(Path workspace) {
    return new TaskDispatched(
        UUID.randomUUID(),
        1,
        "gemini",
        "do it",
        workspace.toString(),
        new ModelProfile("primary", "scripted-401", 120),
        List.of(),
        new Capabilities(false, false, true, true),
        new Timeouts(60, 10, 20, 5),
        3);
  }

  private static String random(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
