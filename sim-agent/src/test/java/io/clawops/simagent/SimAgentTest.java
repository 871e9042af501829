package io.clawops.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.simagent.scenario.SecretFamilies;
import io.clawops.simagent.scenario.SecretFamiliesLeak;
import io.clawops.simagent.scenario.SecretLeak;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimAgentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void shouldCompleteTheHealthyScenarioWithProtocolLinesOnly() throws IOException {
    int exit = play("scenario: healthy step-ms=0", "m1", InputStream.nullInputStream());

    assertThat(exit).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines)
        .extracting(line -> line.get("type").asText())
        .containsExactly(
            "text",
            "model",
            "model",
            "tool_use",
            "tool_result",
            "tool_use",
            "tool_result",
            "text",
            "result");
    assertThat(lines.get(1).get("model").asText()).isEqualTo("m1");
    assertThat(lines.get(8).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void shouldRecoverFromTheElevatedLoopWhenAHubMessageArrives() throws IOException {
    PipedOutputStream stdin = new PipedOutputStream();
    PipedInputStream agentStdin = new PipedInputStream(stdin);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> play("scenario: elevated-loop-recovers interval-ms=20", "m1", agentStdin));
    stdin.write(
        "{\"type\":\"hub_message\",\"id\":\"cmd-1\",\"text\":\"no elevation here\"}\n"
            .getBytes(StandardCharsets.UTF_8));
    stdin.flush();

    assertThat(exit.join()).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines.get(lines.size() - 1).get("status").asText()).isEqualTo("completed");
    assertThat(lines)
        .filteredOn(line -> line.path("ok").asBoolean(true) == false)
        .allSatisfy(
            line ->
                assertThat(line.get("output").asText())
                    .isEqualTo("exec failed: elevated is not available"));
  }

  @Test
  void shouldGiveUpWhenStubbornAfterMaxTries() throws IOException {
    int exit =
        play(
            "scenario: elevated-loop-stubborn interval-ms=1 max-tries=3",
            "m1",
            InputStream.nullInputStream());

    assertThat(exit).isEqualTo(1);
    assertThat(lines()).filteredOn(line -> line.get("type").asText().equals("tool_use")).hasSize(3);
  }

  @Test
  void shouldTimeOutOnEveryModelButTheNamedOne() throws IOException {
    String prompt = "scenario: model-timeout ok-model=fallback wait-ms=0";

    assertThat(play(prompt, "primary", InputStream.nullInputStream())).isEqualTo(2);
    assertThat(lines())
        .anySatisfy(line -> assertThat(line.path("code").asText()).isEqualTo("agent.model_timeout"))
        .noneSatisfy(line -> assertThat(line.get("type").asText()).isEqualTo("result"));

    out.reset();
    assertThat(play(prompt, "fallback", InputStream.nullInputStream())).isZero();
    assertThat(lines().get(lines().size() - 1).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void shouldCrashWithStderrAndNoResult() throws IOException {
    assertThat(play("scenario: crash", "m1", InputStream.nullInputStream())).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("panic: runtime error");
    assertThat(lines())
        .noneSatisfy(line -> assertThat(line.get("type").asText()).isEqualTo("result"));
  }

  @Test
  void shouldPrintItsFakeSecretsInTheSecretLeakScenario() throws IOException {
    assertThat(play("scenario: secret-leak", "m1", InputStream.nullInputStream())).isZero();
    String everything = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(SecretLeak.SECRETS).allSatisfy(secret -> assertThat(everything).contains(secret));
  }

  @Test
  void shouldPrintEveryFamilyAndFillTheStderrTailUpToTheMiddleOfAKey() throws IOException {
    assertThat(
            play("scenario: secret-families n=42 tail=4096", "m1", InputStream.nullInputStream()))
        .isEqualTo(1);
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    for (SecretFamilies.Family family : SecretFamilies.Family.values()) {
      assertThat(stderr).contains(family.diagnostic(42).lines().findFirst().orElseThrow());
      assertThat(stdout).contains(family.head).contains(family.tail);
    }
    // The last 4096 characters of stderr (lines joined by newlines, as a runner keeps them) start
    // in the middle of the cut family's head.
    String joined = stderr.endsWith("\n") ? stderr.substring(0, stderr.length() - 1) : stderr;
    String tail = joined.substring(joined.length() - 4096);
    SecretFamilies.Family cut = SecretFamiliesLeak.CUT_FAMILY;
    assertThat(cut.head).endsWith(tail.substring(0, cut.head.length() / 2));
    assertThat(tail).contains(cut.tail).doesNotContain(cut.secret(42).substring(0, 8));
  }

  @Test
  void shouldReportAnUnknownScenarioAndExitWithUsageCode() throws IOException {
    assertThat(play("scenario: nope", "m1", InputStream.nullInputStream()))
        .isEqualTo(SimAgent.UNKNOWN_SCENARIO_EXIT);
    assertThat(lines().get(0).get("type").asText()).isEqualTo("error");
  }

  @Test
  void shouldBuildACommandThatNamesTheMainClassAndItsJars() {
    List<String> command = SimAgentCommand.command();

    assertThat(command.get(command.size() - 1)).isEqualTo(SimAgent.class.getName());
    assertThat(command.get(command.indexOf("-cp") + 1)).contains("jackson-databind");
  }

  private int play(String prompt, String model, InputStream stdin) {
    try {
      Path promptFile = Files.writeString(dir.resolve("prompt-" + System.nanoTime()), prompt);
      return SimAgent.run(
          Map.of("CLAW_PROMPT_FILE", promptFile.toString(), "CLAW_MODEL", model),
          stdin,
          out,
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<JsonNode> lines() throws IOException {
    String text = out.toString(StandardCharsets.UTF_8);
    return text.lines().map(SimAgentTest::parse).toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
