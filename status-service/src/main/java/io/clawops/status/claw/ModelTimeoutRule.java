package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ModelProfile;
import java.time.Instant;

/**
 * M1–M2: a model timeout moves the claw to an unused fallback profile, or ends in model_timeout.
 */
final class ModelTimeoutRule {

  private ModelTimeoutRule() {}

  static void onTimeout(
      ClawState claw,
      RunState run,
      String message,
      Instant at,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    CauseLedger.authoritative(claw, run, ReasonCode.MODEL_TIMEOUT.code(), message, at, rules);
    decide(claw, run, at, now, rules, fx);
  }

  /**
   * Picks a fallback or settles on model_timeout, once per run. Waits while the run's task has not
   * been folded yet: its fallback profiles are not known before (F2).
   */
  static void decide(
      ClawState claw, RunState run, Instant at, Instant now, RuleSettings rules, Effects fx) {
    if (run.modelTimeoutHandled || claw.task == null || run.taskId == null) {
      return;
    }
    if (ReasonCode.HARD_TIMEOUT.code().equals(run.pinnedCause)) {
      // A timed-out run stays timed out (F4, F5): only the operator retries it, never a fallback.
      return;
    }
    run.modelTimeoutHandled = true;
    ModelProfile fallback = unusedFallback(claw);
    if (fallback == null) {
      // M2: the run stays pinned on model_timeout; its one failure entry says no fallback is left,
      // the timeout itself stays in the ledger as evidence.
      CauseLedger.reclassify(
          claw,
          run,
          ReasonCode.MODEL_TIMEOUT.code(),
          StatusClassifier.NO_FALLBACK_MESSAGE,
          at,
          rules);
      return;
    }
    String detail =
        "model timeout on " + profileName(run) + "; retrying with fallback " + fallback.name();
    if (run.runId != null) {
      Recoveries.cancel(claw, run.runId, detail, fx);
    }
    Recoveries.dispatchNextAttempt(claw, fallback, Recovery.FALLBACK, detail, now, fx);
  }

  /** The first fallback profile no attempt has used yet, or null. */
  static ModelProfile unusedFallback(ClawState claw) {
    return claw.task.fallbackProfiles().stream()
        .filter(profile -> !claw.usedProfiles.contains(profile.name()))
        .findFirst()
        .orElse(null);
  }

  private static String profileName(RunState run) {
    return run.modelProfile != null ? run.modelProfile.name() : "the primary profile";
  }
}
