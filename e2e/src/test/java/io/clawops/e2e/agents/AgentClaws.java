package io.clawops.e2e.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.AgentRuntimes;
import io.clawops.e2e.system.ClawOpsSystem;
import io.clawops.e2e.system.ClawRecords;
import io.clawops.e2e.system.ClawRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** Claws that run a real agent CLI against the scripted model provider, and what to check. */
final class AgentClaws {

  private AgentClaws() {}

  /**
   * Skips when the build could not install {@code binary} (no npm), but fails under {@code
   * CI=true}: there the real-CLI tests must run.
   */
  static void requireInstalled(String binary) {
    if (AgentRuntimes.installed(binary)) {
      return;
    }
    String message =
        binary
            + " is not installed under "
            + AgentRuntimes.binaries()
            + " (the agent-clis module installs it with npm)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + "; CI=true requires the real-CLI tests to run");
    }
    Assumptions.abort(message);
  }

  /**
   * A claw on {@code runtime} whose primary model plays {@code model}'s script; times generous
   * enough for a CLI's start on a busy machine.
   */
  static ClawRequest claw(String runtime, String model, int idleTimeoutSeconds) {
    return ClawRequest.scenario("real agent")
        .runtime(runtime)
        .prompt("Install the project into the workspace and report when done.")
        .modelProfile("primary", model, idleTimeoutSeconds)
        .timeout("runSeconds", 150)
        .timeout("idleSeconds", 90)
        .timeout("toolIdleSeconds", 90);
  }

  /** The timeline entries of {@code type}. */
  static List<JsonNode> entries(List<JsonNode> timeline, String type) {
    return timeline.stream().filter(entry -> type.equals(entry.path("type").asText())).toList();
  }

  /** Asserts the condition's status and reason. */
  static void assertCondition(JsonNode claw, String type, String status, String reason) {
    JsonNode condition = ClawRecords.condition(claw, type);
    assertThat(condition.path("status").asText()).as(condition.toString()).isEqualTo(status);
    String actual = condition.path("reason").isTextual() ? condition.get("reason").asText() : "";
    assertThat(actual).as(condition.toString()).isEqualTo(reason);
  }

  /**
   * The refused {@code sudo} loop of a CLI that takes no input mid-run: L1's corrective message is
   * recorded undelivered, and the claw goes on at once to L1's stop, {@code tool_blocked} with
   * {@code platform.capability_missing}; the run is cancelled without the claw turning {@code
   * cancelled}.
   */
  static JsonNode awaitCapabilityStopWithUndeliveredMessage(ClawOpsSystem system, UUID clawId) {
    JsonNode claw =
        system
            .api()
            .awaitClaw(
                clawId,
                record -> {
                  assertThat(record.path("status").asText()).isEqualTo("tool_blocked");
                  assertThat(record.at("/run/outcome").asText()).isEqualTo("cancelled");
                });
    assertThat(claw.path("statusReason").asText()).isEqualTo("platform.capability_missing");
    assertThat(claw.path("statusMessage").asText())
        .contains("elevatedExec")
        .contains("could not be delivered");
    assertThat(claw.path("retryable").asBoolean()).isFalse();
    JsonNode messages = claw.get("hubMessages");
    assertThat(messages).as(messages.toString()).hasSize(1);
    JsonNode message = messages.get(0);
    assertThat(message.path("rule").asText()).isEqualTo("L1");
    assertThat(message.path("delivered").asBoolean()).as(message.toString()).isFalse();
    assertThat(message.path("delivery").asText()).isEqualTo("undelivered");
    assertThat(message.path("undeliveredReason").asText()).contains("takes no input mid-run");
    assertThat(message.path("outcome").asText()).isEqualTo("loop_persisted");
    assertThat(entries(system.api().timeline(clawId), "run.tool_result"))
        .anySatisfy(entry -> assertThat(entry.toString()).contains("elevated is not available"));
    return claw;
  }

  /** Fails when the fake API key appears in the claw, its timeline or any service log. */
  static void assertKeyNowhere(ClawOpsSystem system, UUID clawId) {
    List<String> places = new ArrayList<>();
    String key = AgentRuntimes.FAKE_API_KEY;
    if (system.api().get("/api/claws/" + clawId).body().contains(key)) {
      places.add("record");
    }
    if (system.api().get("/api/claws/" + clawId + "/timeline").body().contains(key)) {
      places.add("timeline");
    }
    for (Path log : system.logFiles()) {
      if (read(log).contains(key)) {
        places.add("log " + log.getFileName());
      }
    }
    assertThat(places).as("places holding the fake API key").isEmpty();
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
