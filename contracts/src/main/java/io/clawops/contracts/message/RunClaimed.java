package io.clawops.contracts.message;

import java.util.UUID;

/** {@code run.claimed}: a runner took a task into one of its execution slots. */
public record RunClaimed(UUID runId, int attempt, long seq, UUID taskId, String runnerId)
    implements RunEvent {

  public static final String TYPE = "run.claimed";

  public RunClaimed {
    RunEvents.check(runId, attempt, seq);
    Require.present(taskId, "taskId");
    Require.nonBlank(runnerId, "runnerId");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
