package io.clawops.runner.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.ReasonCode;
import io.clawops.runner.agent.AgentResult;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex's {@code codex exec --json} (format {@code codex-exec-json}): {@code item.started} and
 * {@code item.completed} carry commands, file changes and agent messages, {@code error} lines the
 * provider trouble ({@code Reconnecting... n/m (...)}), {@code turn.completed} or {@code
 * turn.failed} the end. {@code codex exec} reads no input mid-run, so a hub message cannot be
 * delivered (it is recorded as not delivered, never as delivered).
 */
public final class CodexExecJsonAdapter extends CliAdapter {

  private static final Pattern RECONNECTING =
      Pattern.compile("Reconnecting\\.\\.\\. (\\d+)/(\\d+) \\((.*)\\)", Pattern.DOTALL);

  private volatile String lastMessage;

  public CodexExecJsonAdapter(UUID runId, int attempt, String model) {
    super(runId, attempt, model);
  }

  @Override
  void translate(JsonNode json, Events events) {
    switch (json.path("type").asText()) {
      case "item.started" -> started(json.path("item"), events);
      case "item.completed" -> completed(json.path("item"), events);
      case "error" -> error(json.path("message").asText(""), events);
      case "turn.completed" ->
          events.result(new AgentResult(AgentResult.COMPLETED, lastMessage, null));
      case "turn.failed" -> {
        String message = json.path("error").path("message").asText("turn failed");
        events.result(failed(null, message, message));
      }
      default -> progress();
    }
  }

  private void started(JsonNode item, Events events) {
    String type = item.path("type").asText();
    if ("command_execution".equals(type)) {
      events.toolUse(
          item.path("id").asText(),
          "exec",
          JSON.createObjectNode().put("command", item.path("command").asText("")));
    } else if (!"agent_message".equals(type)
        && !"reasoning".equals(type)
        && !"error".equals(type)) {
      events.toolUse(item.path("id").asText(), type, input(item));
    }
  }

  private void completed(JsonNode item, Events events) {
    String type = item.path("type").asText();
    String id = item.path("id").asText();
    switch (type) {
      case "agent_message" -> {
        lastMessage = item.path("text").asText(null);
        events.modelResponse(null);
      }
      case "reasoning" -> events.modelResponse(null);
      case "error" -> events.log(item.path("message").asText(""));
      case "command_execution" -> {
        String output = item.path("aggregated_output").asText("");
        String status = item.path("status").asText("");
        boolean ok = "completed".equals(status) && item.path("exit_code").asInt(-1) == 0;
        String command = item.path("command").asText("");
        String error =
            "declined".equals(status)
                ? denial(command, "declined by the Codex sandbox")
                : sudoFailure(command) ? denial(command, output) : output;
        events.toolResult(id, ok, error, JSON.getNodeFactory().textNode(output));
      }
      default -> {
        boolean ok = !"failed".equals(item.path("status").asText());
        events.toolResult(id, ok, ok ? null : item.path("status").asText(), input(item));
      }
    }
  }

  private void error(String message, Events events) {
    Matcher reconnecting = RECONNECTING.matcher(message);
    String cause = reconnecting.matches() ? reconnecting.group(3) : message;
    ReasonCode reason = ProviderSignals.classify(null, cause);
    if (reason == null || reason == ReasonCode.CONTEXT_OVERFLOW) {
      // Context overflow and unknown errors end in turn.failed, which carries the classification.
      events.log(message);
      return;
    }
    String what =
        "HTTP "
            + ProviderSignals.statusIn(cause)
            + (reconnecting.matches()
                ? ", retry " + reconnecting.group(1) + "/" + reconnecting.group(2)
                : "");
    events.providerFailure(reason, what);
  }

  /** A sudo command failing where elevation is withheld: the sandbox took it away. */
  private static boolean sudoFailure(String command) {
    return denial(command, "").startsWith(ELEVATED_DENIED);
  }

  private static JsonNode input(JsonNode item) {
    JsonNode copy = item.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy)
        .remove(java.util.List.of("id", "status"));
    return copy;
  }

  @Override
  public boolean readsStdin() {
    return false;
  }

  @Override
  public Optional<String> hubMessageLine(UUID commandId, String text) {
    return Optional.empty();
  }
}
