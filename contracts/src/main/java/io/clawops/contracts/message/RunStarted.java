package io.clawops.contracts.message;

import java.time.Instant;
import java.util.UUID;

/** {@code run.started}: the agent process runs with this model profile until the hard deadline. */
public record RunStarted(
    UUID runId, int attempt, long seq, ModelProfile modelProfile, Instant deadlineAt)
    implements RunEvent {

  public static final String TYPE = "run.started";

  public RunStarted {
    RunEvents.check(runId, attempt, seq);
    Require.present(modelProfile, "modelProfile");
    Require.present(deadlineAt, "deadlineAt");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
