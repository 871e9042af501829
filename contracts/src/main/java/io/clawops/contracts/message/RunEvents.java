package io.clawops.contracts.message;

import java.util.UUID;

/** The checks every {@link RunEvent} shares. */
final class RunEvents {

  private RunEvents() {}

  static void check(UUID runId, int attempt, long seq) {
    Require.present(runId, "runId");
    Require.positive(attempt, "attempt");
    Require.positive(seq, "seq");
  }
}
