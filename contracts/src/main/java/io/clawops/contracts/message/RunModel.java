package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code run.model}: one phase of a model call. {@code model} and {@code latencyMs} may be null
 * because agents do not always report them (a request has no latency yet); {@code reason}, a
 * provider reason code such as {@code agent.provider_rate_limit}, comes with {@link
 * ModelPhase#RETRY} only.
 */
public record RunModel(
    UUID runId,
    int attempt,
    long seq,
    ModelPhase phase,
    String model,
    Long latencyMs,
    String reason)
    implements RunEvent {

  public static final String TYPE = "run.model";

  public RunModel {
    RunEvents.check(runId, attempt, seq);
    Require.present(phase, "phase");
    if (latencyMs != null) {
      Require.nonNegative(latencyMs, "latencyMs");
    }
    // Both come from the agent's own words: sanitized like every other free text (F10).
    model = Sanitizer.sanitize(model, Sanitizer.SUMMARY_MAX);
    reason =
        reason == null || reason.isBlank()
            ? null
            : Sanitizer.sanitize(reason, Sanitizer.SUMMARY_MAX);
  }

  /** A phase without a provider reason. */
  public RunModel(
      UUID runId, int attempt, long seq, ModelPhase phase, String model, Long latencyMs) {
    this(runId, attempt, seq, phase, model, latencyMs, null);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
