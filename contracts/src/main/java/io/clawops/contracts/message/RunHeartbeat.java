package io.clawops.contracts.message;

import java.util.UUID;

/**
 * {@code run.heartbeat}: proof of life for one run, on its own topic so a busy event stream never
 * delays it. {@code lastSeq} is 0 before the first event; {@code beat} counts per run.
 */
public record RunHeartbeat(UUID runId, int attempt, String runnerId, long lastSeq, long beat)
    implements MessageData {

  public static final String TYPE = "run.heartbeat";

  public RunHeartbeat {
    Require.present(runId, "runId");
    Require.positive(attempt, "attempt");
    Require.nonBlank(runnerId, "runnerId");
    Require.nonNegative(lastSeq, "lastSeq");
    Require.nonNegative(beat, "beat");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
