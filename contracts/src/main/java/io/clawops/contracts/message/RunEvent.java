package io.clawops.contracts.message;

import java.util.UUID;

/**
 * A run event a runner publishes on {@code claw.events}; {@code (runId, seq)} is the fold's
 * high-water mark and {@code attempt} fences events of older attempts.
 */
public sealed interface RunEvent extends MessageData
    permits RunClaimed,
        RunStarted,
        RunToolUse,
        RunToolResult,
        RunModel,
        RunError,
        RunHubMessageDelivered,
        RunHubMessageUndelivered,
        RunFinished {

  UUID runId();

  /** The attempt of the task this run executes, starting at 1. */
  int attempt();

  /** Strictly increasing per run, starting at 1. */
  long seq();
}
