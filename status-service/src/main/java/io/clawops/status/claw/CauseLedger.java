package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import java.time.Instant;
import java.util.List;

/**
 * The one place causes are recorded and pinned (DESIGN F5): every cause goes into the claw's
 * ledger; the first authoritative cause of a run is pinned on it, the claw's own cause on the claw.
 * The failure history of the record is derived from the ledger ({@link ClawState#failures()}).
 */
final class CauseLedger {

  private CauseLedger() {}

  /**
   * An authoritative cause of a run: recorded, and pinned when the run has no pinned cause yet.
   * Only the pinning entry is a failure; a later authoritative cause is kept as evidence.
   */
  static void authoritative(
      ClawState claw, RunState run, String code, String message, Instant at, RuleSettings rules) {
    boolean pins = run.pinnedCause == null;
    if (pins) {
      run.pinnedCause = code;
      run.pinnedMessage = message;
    }
    record(claw, new Cause(code, message, at, run.attempt, run.runId, pins), rules);
  }

  /** A cause seen for a run that decides nothing on its own (an unclassified error). */
  static void observed(
      ClawState claw, RunState run, String code, String message, Instant at, RuleSettings rules) {
    record(claw, new Cause(code, message, at, run.attempt, run.runId, false), rules);
  }

  /**
   * A failure of a run that a recovery answers instead of a pin (a lost runner whose task goes to
   * the next attempt): in the history, not pinned.
   */
  static void recovered(
      ClawState claw, RunState run, String code, String message, Instant at, RuleSettings rules) {
    record(claw, new Cause(code, message, at, run.attempt, run.runId, true), rules);
  }

  /** A failure of the claw itself, before or outside any run (bootstrap, provision deadline). */
  static void claw(ClawState claw, String code, String message, Instant at, RuleSettings rules) {
    record(claw, new Cause(code, message, at, 0, null, true), rules);
  }

  /**
   * The run's failure with {@code code} is now known as {@code message} (M2: a model timeout with
   * no fallback left): the failure entry says so, the original stays in the ledger as evidence.
   */
  static void reclassify(
      ClawState claw, RunState run, String code, String message, Instant at, RuleSettings rules) {
    for (int i = claw.causes.size() - 1; i >= 0; i--) {
      Cause cause = claw.causes.get(i);
      if (cause.failure() && cause.attempt() == run.attempt && cause.code().equals(code)) {
        claw.causes.set(
            i,
            new Cause(
                cause.code(), cause.message(), cause.at(), cause.attempt(), cause.runId(), false));
        break;
      }
    }
    record(claw, new Cause(code, message, at, run.attempt, run.runId, true), rules);
  }

  /** Pins the claw's own cause and records it as a failure. */
  static void pinClaw(ClawState claw, String code, String message, Instant at, RuleSettings rules) {
    claw.clawCause = code;
    claw.clawCauseMessage = message;
    claw(claw, code, message, at, rules);
  }

  /** Pins the claw's own cause without a failure entry (a cancel is the operator's choice). */
  static void pinClawQuietly(ClawState claw, String code, String message) {
    claw.clawCause = code;
    claw.clawCauseMessage = message;
  }

  /** Clears the claw's own cause: a new checklist, live beats (F6) or a retry overrule it. */
  static void clearClaw(ClawState claw) {
    claw.clawCause = null;
    claw.clawCauseMessage = null;
  }

  /** F4: a completion before the deadline corrects a provisional timeout; its pin goes. */
  static void unpin(RunState run) {
    run.pinnedCause = null;
    run.pinnedMessage = null;
  }

  /** The failure entries of the ledger, newest last, at most {@code limit}. */
  static List<Cause> failures(List<Cause> ledger, int limit) {
    List<Cause> failures = ledger.stream().filter(Cause::failure).toList();
    return failures.subList(Math.max(0, failures.size() - limit), failures.size());
  }

  /** Whether this code counts as retryable for the record's failure view. */
  static boolean retryable(String code) {
    return ReasonCode.fromCode(code).map(ReasonCode::retryable).orElse(false);
  }

  private static void record(ClawState claw, Cause cause, RuleSettings rules) {
    claw.causes.add(cause);
    // Bounded: the newest entries stay; pins keep their own message, so nothing decided is lost.
    int limit = Math.max(1, rules.historyLimit()) * 4;
    while (claw.causes.size() > limit) {
      claw.causes.remove(0);
    }
  }
}
