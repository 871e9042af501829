package io.clawops.runner.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.ReasonCode;
import io.clawops.runner.agent.AgentResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claude Code's {@code --output-format stream-json --verbose} (format {@code claude-stream-json}):
 * {@code assistant} messages carry the model's answers and tool calls, {@code user} messages the
 * tool results, {@code system} lines the permission denials and the API retries, {@code result} the
 * end. With {@code --input-format stream-json} the prompt and hub messages are user messages on
 * stdin, and stdin is closed after the result so the CLI exits.
 */
public final class ClaudeStreamJsonAdapter extends CliAdapter {

  /** What a hub message starts with on the agent's side; the scripted provider looks for it. */
  public static final String HUB_PREFIX = "ClawOps hub message: ";

  private final String prompt;
  private final Map<String, String> denied = new ConcurrentHashMap<>();
  private final Map<String, String> commands = new ConcurrentHashMap<>();
  private final Map<String, UUID> hubMessages = new ConcurrentHashMap<>();

  public ClaudeStreamJsonAdapter(UUID runId, int attempt, String model, String prompt) {
    super(runId, attempt, model);
    this.prompt = prompt;
  }

  @Override
  void translate(JsonNode json, Events events) {
    switch (json.path("type").asText()) {
      case "system" -> system(json, events);
      case "assistant" -> assistant(json.path("message"), events);
      case "user" -> user(json.path("message").path("content"), events);
      case "result" -> events.result(result(json));
      default -> {
        // stream_event and future types: progress of the model, nothing to publish.
        progress();
      }
    }
  }

  private void system(JsonNode json, Events events) {
    switch (json.path("subtype").asText()) {
      case "api_retry" -> {
        Integer status =
            json.path("error_status").isInt() ? json.get("error_status").asInt() : null;
        String error = json.path("error").asText("");
        ReasonCode reason = ProviderSignals.classify(status, error);
        events.providerFailure(
            reason == null ? ReasonCode.PROVIDER_NETWORK : reason,
            "HTTP "
                + (status == null ? "?" : status)
                + " "
                + error
                + ", retry "
                + json.path("attempt").asInt()
                + "/"
                + json.path("max_retries").asInt());
      }
      case "permission_denied" -> {
        String callId = json.path("tool_use_id").asText();
        denied.put(callId, json.path("message").asText("permission denied"));
      }
      default -> progress();
    }
  }

  private void assistant(JsonNode message, Events events) {
    String model = message.path("model").asText(null);
    if ("<synthetic>".equals(model)) {
      // The CLI's own message about an API error, not an answer; the result line follows.
      return;
    }
    events.modelResponse(model);
    for (JsonNode block : message.path("content")) {
      if ("tool_use".equals(block.path("type").asText())) {
        String callId = block.path("id").asText();
        JsonNode input = block.path("input");
        commands.put(callId, input.path("command").asText(""));
        events.toolUse(callId, block.path("name").asText("unknown"), input);
      }
    }
  }

  /**
   * A user message: tool results, or (with {@code --replay-user-messages}) a message from stdin
   * echoed when the CLI takes it into the conversation, which is when a hub message is delivered (a
   * tool call already under way ends first).
   */
  private void user(JsonNode content, Events events) {
    if (content.isTextual()) {
      UUID commandId = hubMessages.remove(content.asText());
      if (commandId != null) {
        events.delivered(commandId);
      }
      return;
    }
    toolResults(content, events);
  }

  private void toolResults(JsonNode content, Events events) {
    for (JsonNode block : content) {
      if (!"tool_result".equals(block.path("type").asText())) {
        continue;
      }
      String callId = block.path("tool_use_id").asText();
      JsonNode output = block.path("content");
      String outputText = output.isTextual() ? output.asText() : output.toString();
      boolean ok = !block.path("is_error").asBoolean(false);
      String denial = denied.remove(callId);
      String error = denial == null ? outputText : denial(commands.get(callId), denial);
      commands.remove(callId);
      events.toolResult(callId, ok, ok ? null : error, output);
    }
  }

  private static AgentResult result(JsonNode json) {
    String summary = text(json, "result");
    if ("success".equals(json.path("subtype").asText()) && !json.path("is_error").asBoolean()) {
      return new AgentResult(AgentResult.COMPLETED, summary, null);
    }
    Integer status =
        json.path("api_error_status").isInt() ? json.get("api_error_status").asInt() : null;
    return failed(status, summary, summary == null ? "" : summary);
  }

  @Override
  public List<String> openingLines() {
    return List.of(userMessage(prompt));
  }

  @Override
  public boolean closeStdinAfterResult() {
    return true;
  }

  @Override
  public boolean confirmsDelivery() {
    return true;
  }

  @Override
  public Optional<String> hubMessageLine(UUID commandId, String text) {
    hubMessages.put(HUB_PREFIX + text, commandId);
    return Optional.of(userMessage(HUB_PREFIX + text));
  }

  private static String userMessage(String text) {
    var line = JSON.createObjectNode().put("type", "user");
    line.putObject("message").put("role", "user").put("content", text);
    return line.toString();
  }
}
