package io.clawops.contracts.message;

import java.util.UUID;

/**
 * {@code run.model}: one phase of a model call. {@code model} and {@code latencyMs} may be null
 * because agents do not always report them (a request has no latency yet).
 */
public record RunModel(
    UUID runId, int attempt, long seq, ModelPhase phase, String model, Long latencyMs)
    implements RunEvent {

  public static final String TYPE = "run.model";

  public RunModel {
    RunEvents.check(runId, attempt, seq);
    Require.present(phase, "phase");
    if (latencyMs != null) {
      Require.nonNegative(latencyMs, "latencyMs");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
