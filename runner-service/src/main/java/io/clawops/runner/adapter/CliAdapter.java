package io.clawops.runner.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Digests;
import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.AgentResult;
import io.clawops.runner.agent.ProtocolTranslator;
import io.clawops.runner.agent.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every agent-CLI adapter shares: the open tool calls, the result, the time the model last
 * answered (retries are not answers), and builders for the run events, numbered in order.
 */
abstract class CliAdapter implements AgentAdapter {

  static final ObjectMapper JSON = new ObjectMapper();

  /** What a denial of elevated execution reads as, so L1 names the capability (DESIGN §7). */
  static final String ELEVATED_DENIED = "elevated is not available";

  /** What any other denial by the CLI's permission or sandbox policy reads as. */
  static final String POLICY_DENIED = "denied by the tool policy";

  private final UUID runId;
  private final int attempt;
  private final String model;
  private final Map<String, String> pendingCalls = new ConcurrentHashMap<>();
  private volatile boolean sawLine;
  private volatile AgentResult result;
  private volatile long lastProgressNanos = System.nanoTime();
  private volatile String providerTrouble;

  CliAdapter(UUID runId, int attempt, String model) {
    this.runId = runId;
    this.attempt = attempt;
    this.model = model;
  }

  @Override
  public final List<Translation> translateLine(String line, long firstSeq) {
    JsonNode json = parse(line);
    if (json == null) {
      return List.of(log(line));
    }
    sawLine = true;
    Events events = new Events(firstSeq);
    translate(json, events);
    return events.list.isEmpty() ? List.of(log(line)) : events.list;
  }

  /** Adds what one parsed line means to {@code events}. */
  abstract void translate(JsonNode json, Events events);

  @Override
  public boolean toolCallPending() {
    return !pendingCalls.isEmpty();
  }

  @Override
  public boolean sawProtocolLine() {
    return sawLine;
  }

  @Override
  public AgentResult result() {
    return result;
  }

  @Override
  public OptionalLong modelSilentMillis() {
    return OptionalLong.of((System.nanoTime() - lastProgressNanos) / 1_000_000);
  }

  @Override
  public boolean stopsLingeringAfterResult() {
    return true;
  }

  @Override
  public String providerTrouble() {
    return providerTrouble;
  }

  /** The model (or a tool) made progress: the model-silence clock starts again. */
  void progress() {
    lastProgressNanos = System.nanoTime();
  }

  void finish(AgentResult line) {
    progress();
    result = line;
  }

  String model() {
    return model;
  }

  /** The run events of one line, numbered from the line's first seq. */
  final class Events {
    private final List<Translation> list = new ArrayList<>();
    private long next;

    private Events(long firstSeq) {
      this.next = firstSeq;
    }

    void toolUse(String callId, String tool, JsonNode input) {
      progress();
      pendingCalls.put(callId, tool);
      String summary = input == null || input.isNull() ? "" : input.toString();
      list.add(
          new Translation.Event(
              new RunToolUse(
                  runId, attempt, next++, callId, tool, Digests.canonicalSha256(input), summary)));
    }

    void toolResult(String callId, boolean ok, String error, JsonNode output) {
      progress();
      String tool = pendingCalls.remove(callId);
      String digest = output == null || output.isNull() ? null : Digests.canonicalSha256(output);
      list.add(
          new Translation.Event(
              new RunToolResult(
                  runId,
                  attempt,
                  next++,
                  callId,
                  tool == null ? "unknown" : tool,
                  ok,
                  ok ? null : (error == null || error.isBlank() ? "tool failed" : error),
                  digest)));
    }

    void modelResponse(String answeredBy) {
      progress();
      list.add(
          new Translation.Event(
              new RunModel(
                  runId,
                  attempt,
                  next++,
                  ModelPhase.RESPONSE,
                  answeredBy == null ? model : answeredBy,
                  null)));
    }

    /**
     * A provider failure the CLI retries: a retry notice on the timeline, or for a rejected
     * credential (which no retry heals) an error and a stop of the run.
     */
    void providerFailure(ReasonCode reason, String what) {
      providerTrouble = reason.code() + " (" + Sanitizer.sanitize(what, 200) + ")";
      if (reason == ReasonCode.PROVIDER_AUTH) {
        String message =
            "model provider rejected the credentials ("
                + Sanitizer.sanitize(what, 200)
                + "); retrying cannot heal that, the run is stopped";
        list.add(
            new Translation.Event(new RunError(runId, attempt, next++, reason.code(), message)));
        list.add(new Translation.Stop(reason.code(), message));
        return;
      }
      list.add(
          new Translation.Event(
              new RunModel(runId, attempt, next++, ModelPhase.RETRY, model, null, reason.code())));
    }

    void delivered(UUID commandId) {
      progress();
      list.add(
          new Translation.Event(new RunHubMessageDelivered(runId, attempt, next++, commandId)));
    }

    void result(AgentResult line) {
      finish(line);
      list.add(new Translation.Result(line));
    }

    void log(String text) {
      list.add(CliAdapter.log(text));
    }
  }

  /** A failed result with the reason read from the CLI's texts, else process failure. */
  static AgentResult failed(Integer status, String summary, String... texts) {
    ReasonCode reason = ProviderSignals.classify(status, texts);
    return new AgentResult(
        "failed", summary, (reason == null ? ReasonCode.PROCESS_FAILURE : reason).code());
  }

  /** The error text for a denied command: elevated execution named as such for L1. */
  static String denial(String command, String detail) {
    String trimmed = command == null ? "" : command.strip().toLowerCase(Locale.ROOT);
    boolean elevated =
        trimmed.startsWith("sudo ")
            || trimmed.equals("sudo")
            || trimmed.startsWith("su ")
            || trimmed.contains("'sudo ")
            || trimmed.contains("\"sudo ");
    return (elevated ? ELEVATED_DENIED : POLICY_DENIED) + ": " + detail;
  }

  static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  static Translation.Log log(String text) {
    return new Translation.Log(Sanitizer.sanitize(text, ProtocolTranslator.LOG_TEXT_MAX));
  }

  private static JsonNode parse(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      JsonNode json = JSON.readTree(trimmed);
      return json != null && json.isObject() && json.has("type") ? json : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
