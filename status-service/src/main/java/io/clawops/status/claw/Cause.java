package io.clawops.status.claw;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a claw's cause ledger (DESIGN F5): a reason code seen for the claw, with its
 * sanitized message, when, for which attempt ({@code 0} for the claw itself: bootstrap, provision
 * deadline, a cancel before any run) and run, and whether it counts as a failure in the history
 * (one entry per real failure; an unclassified error or a code reported after an outcome stuck is
 * recorded but is no failure of its own).
 */
public record Cause(
    String code, String message, Instant at, int attempt, UUID runId, boolean failure) {

  /** A cause not (yet) placed in the ledger: a provider retry a run goes through. */
  public static Cause of(String code, String message, Instant at, int attempt, UUID runId) {
    return new Cause(code, message, at, attempt, runId, false);
  }
}
