package io.clawops.runner.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clawops.contracts.Digests;
import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.sanitize.Sanitizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the stdout lines of one run's agent (DESIGN §5) into run events. It remembers the tool
 * calls that still await a result (a {@code tool_result} line does not repeat the tool name, and
 * the idle watchdog needs to know), whether any valid protocol line came, and the result line.
 *
 * <p>Anything that is not a valid protocol line is log text: never fatal, never an event.
 */
public final class ProtocolTranslator implements AgentAdapter {

  /** Cap for agent log text kept in the runner log. */
  public static final int LOG_TEXT_MAX = 500;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final UUID runId;
  private final int attempt;
  private final String defaultModel;
  private final Map<String, String> pendingCalls = new ConcurrentHashMap<>();
  private volatile boolean sawProtocolLine;
  private volatile AgentResult result;

  public ProtocolTranslator(UUID runId, int attempt, String defaultModel) {
    this.runId = runId;
    this.attempt = attempt;
    this.defaultModel = defaultModel;
  }

  /**
   * Translates one line; {@code seq} is used only when the line becomes an event, so a caller
   * consumes a sequence number only for {@link Translation.Event}.
   */
  public Translation translate(String line, long seq) {
    JsonNode json = parse(line);
    if (json == null) {
      return log(line);
    }
    try {
      Translation translation = translate(json, seq);
      if (translation != null) {
        sawProtocolLine = true;
        return translation;
      }
    } catch (MessageFormatException e) {
      // A known type with fields the contract rejects: still only log text.
    }
    return log(line);
  }

  @Override
  public List<Translation> translateLine(String line, long firstSeq) {
    return List.of(translate(line, firstSeq));
  }

  @Override
  public Optional<String> hubMessageLine(UUID commandId, String text) {
    return Optional.of(HubMessageLine.encode(commandId, text));
  }

  /** True while a {@code tool_use} has no matching {@code tool_result} yet. */
  @Override
  public boolean toolCallPending() {
    return !pendingCalls.isEmpty();
  }

  @Override
  public boolean sawProtocolLine() {
    return sawProtocolLine;
  }

  /** The last result line, or null. */
  @Override
  public AgentResult result() {
    return result;
  }

  private Translation translate(JsonNode json, long seq) {
    return switch (json.path("type").asText("")) {
      case "text" -> json.path("text").isTextual() ? log(json.get("text").asText()) : null;
      case "tool_use" -> toolUse(json, seq);
      case "tool_result" -> toolResult(json, seq);
      case "model" -> model(json, seq);
      case "error" -> error(json, seq);
      case "result" -> result(json);
      default -> null;
    };
  }

  private Translation toolUse(JsonNode json, long seq) {
    String tool = text(json, "tool");
    if (tool == null) {
      return null;
    }
    // Agents that omit call ids still get a stable, unique one.
    String callId = text(json, "callId");
    callId = callId == null ? "seq-" + seq : callId;
    JsonNode input = json.get("input");
    String summary = input == null || input.isNull() ? "" : input.toString();
    RunToolUse event =
        new RunToolUse(runId, attempt, seq, callId, tool, Digests.canonicalSha256(input), summary);
    pendingCalls.put(callId, tool);
    return new Translation.Event(event);
  }

  private Translation toolResult(JsonNode json, long seq) {
    String callId = text(json, "callId");
    JsonNode ok = json.get("ok");
    if (callId == null || ok == null || !ok.isBoolean()) {
      return null;
    }
    String tool = pendingCalls.remove(callId);
    if (tool == null) {
      tool = text(json, "tool") == null ? "unknown" : text(json, "tool");
    }
    JsonNode output = json.get("output");
    String digest = output == null || output.isNull() ? null : Digests.canonicalSha256(output);
    String error = ok.asBoolean() ? null : errorText(json, output);
    return new Translation.Event(
        new RunToolResult(runId, attempt, seq, callId, tool, ok.asBoolean(), error, digest));
  }

  private Translation model(JsonNode json, long seq) {
    ModelPhase phase;
    try {
      phase = ModelPhase.valueOf(json.path("phase").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
    String model = text(json, "model");
    JsonNode latency = json.get("latencyMs");
    Long latencyMs =
        latency != null && latency.canConvertToLong() && latency.asLong() >= 0
            ? latency.asLong()
            : null;
    return new Translation.Event(
        new RunModel(runId, attempt, seq, phase, model == null ? defaultModel : model, latencyMs));
  }

  private Translation error(JsonNode json, long seq) {
    String raw = text(json, "code");
    String message = text(json, "message");
    String code = agentCode(raw);
    if (raw != null && !raw.equals(code)) {
      // Keep what the agent said when it is not a code the contract knows.
      message = "[" + raw + "] " + (message == null ? "" : message);
    }
    return new Translation.Event(new RunError(runId, attempt, seq, code, message));
  }

  private Translation result(JsonNode json) {
    String status = text(json, "status");
    if (status == null) {
      return null;
    }
    AgentResult line =
        new AgentResult(status.toLowerCase(Locale.ROOT), text(json, "summary"), text(json, "code"));
    result = line;
    return new Translation.Result(line);
  }

  /**
   * The reason code for an agent-reported code: a known {@code agent.*} code as is, a bare one
   * ({@code model_timeout}, as in the protocol's example) with the prefix added, anything else
   * (including {@code platform.*}, which only the control plane decides) {@code agent.unknown}.
   */
  public static String agentCode(String raw) {
    if (raw == null || raw.isBlank()) {
      return ReasonCode.UNKNOWN.code();
    }
    String candidate = raw.startsWith("agent.") ? raw : "agent." + raw;
    return ReasonCode.fromCode(candidate).map(ReasonCode::code).orElse(ReasonCode.UNKNOWN.code());
  }

  private static String errorText(JsonNode json, JsonNode output) {
    String error = text(json, "error");
    if (error != null) {
      return error;
    }
    if (output == null || output.isNull()) {
      return "tool failed without output";
    }
    return output.isTextual() ? output.asText() : output.toString();
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()
        ? null
        : value.asText();
  }

  private static JsonNode parse(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(trimmed);
      return json != null && json.isObject() ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Translation.Log log(String text) {
    return new Translation.Log(Sanitizer.sanitize(text, LOG_TEXT_MAX));
  }
}
