package io.clawops.runner.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.runner.agent.AgentResult;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gemini CLI's {@code --output-format stream-json} (format {@code gemini-stream-json}): {@code
 * message} lines (assistant text, in deltas), {@code tool_use} and {@code tool_result}, {@code
 * error} and the final {@code result}. Gemini CLI retries rate limits silently, so those show only
 * as model silence. {@code -p} reads no input mid-run: hub messages cannot be delivered.
 */
public final class GeminiStreamJsonAdapter extends CliAdapter {

  private final Map<String, String> commands = new ConcurrentHashMap<>();
  private volatile boolean inAnswer;
  private final StringBuilder answer = new StringBuilder();

  public GeminiStreamJsonAdapter(UUID runId, int attempt, String model) {
    super(runId, attempt, model);
  }

  @Override
  void translate(JsonNode json, Events events) {
    String type = json.path("type").asText();
    if (!"message".equals(type)) {
      inAnswer = false;
    }
    switch (type) {
      case "message" -> message(json, events);
      case "tool_use" -> {
        String callId = json.path("tool_id").asText();
        JsonNode parameters = json.path("parameters");
        commands.put(callId, parameters.path("command").asText(""));
        events.toolUse(callId, json.path("tool_name").asText("unknown"), parameters);
      }
      case "tool_result" -> toolResult(json, events);
      case "error" -> events.log(json.path("message").asText(json.toString()));
      case "result" -> events.result(result(json));
      default -> progress();
    }
  }

  private void message(JsonNode json, Events events) {
    if (!"assistant".equals(json.path("role").asText())) {
      return;
    }
    String content = json.path("content").asText("");
    synchronized (answer) {
      if (!inAnswer) {
        answer.setLength(0);
      }
      answer.append(content);
    }
    if (inAnswer) {
      progress();
    } else {
      inAnswer = true;
      events.modelResponse(null);
    }
  }

  private void toolResult(JsonNode json, Events events) {
    String callId = json.path("tool_id").asText();
    boolean ok = "success".equals(json.path("status").asText());
    JsonNode error = json.path("error");
    String detail = error.path("message").asText(json.path("output").asText(""));
    String command = commands.remove(callId);
    boolean policy =
        "policy_violation".equals(error.path("type").asText())
            || detail.toLowerCase(java.util.Locale.ROOT).contains("denied by policy");
    String text = ok ? null : policy ? denial(command, detail) : detail;
    JsonNode output = json.has("output") ? json.get("output") : error;
    events.toolResult(callId, ok, text, output);
  }

  private AgentResult result(JsonNode json) {
    String summary;
    synchronized (answer) {
      summary = answer.isEmpty() ? null : answer.toString();
    }
    if ("success".equals(json.path("status").asText())) {
      return new AgentResult(AgentResult.COMPLETED, summary, null);
    }
    String message = json.path("error").path("message").asText("gemini reported an error");
    return failed(null, message, message);
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
