package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ModelProfile;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** The operator's actions on a claw, retry and cancel, each idempotent (DESIGN F9, F11). */
public final class ClawActions {

  private static final Set<ClawStatus> IN_PROGRESS =
      EnumSet.of(ClawStatus.PROVISIONING, ClawStatus.READY, ClawStatus.RUNNING, ClawStatus.OFFLINE);
  private static final Set<ClawStatus> FINAL =
      EnumSet.of(
          ClawStatus.COMPLETED, ClawStatus.CANCELLED, ClawStatus.TIMED_OUT, ClawStatus.REMOVED);

  private ClawActions() {}

  /**
   * Retries a failed claw: after a bootstrap failure the checklist runs again; after a run failure
   * the next attempt is published, with {@code profileName} when given.
   */
  public static ActionResult retry(
      ClawState claw, String profileName, Instant now, RuleSettings rules, Effects fx) {
    StatusView view = StatusClassifier.classify(claw, Liveness.connection(claw, now, rules));
    if (view.status() == ClawStatus.RECOVERING) {
      return ActionResult.refused("a recovery is in flight: " + view.message());
    }
    if (IN_PROGRESS.contains(view.status())) {
      return ActionResult.refused("the claw is " + view.status().wire() + "; nothing to retry");
    }
    if (view.status() == ClawStatus.COMPLETED || view.status() == ClawStatus.REMOVED) {
      return ActionResult.refused("the claw is " + view.status().wire());
    }
    if (view.status() == ClawStatus.BOOTSTRAP_FAILED
        || view.status() == ClawStatus.WORKSPACE_INCOMPLETE
        || claw.task == null) {
      // The operator fixed the input (a secret, a repository): the checklist decides again.
      Recoveries.rebootstrap(claw, now, fx);
      return ActionResult.ok();
    }
    if (!view.retryable()) {
      return ActionResult.refused("reason " + view.reason() + " is not retryable");
    }
    ModelProfile profile = profile(claw, profileName);
    if (profile == null) {
      return ActionResult.refused("unknown model profile " + profileName);
    }
    claw.clawCause = null;
    claw.clawCauseMessage = null;
    Recoveries.dispatchNextAttempt(
        claw, profile, Recovery.RETRY, "retry requested with profile " + profile.name(), now, fx);
    return ActionResult.ok();
  }

  /** Cancels whatever runs; final after the grace period even when no runner answers (F11). */
  public static ActionResult cancel(ClawState claw, Instant now, RuleSettings rules, Effects fx) {
    StatusView view = StatusClassifier.classify(claw, Liveness.connection(claw, now, rules));
    if (FINAL.contains(view.status())) {
      return ActionResult.refused("the claw is already " + view.status().wire());
    }
    if (claw.cancelRequestedAt != null) {
      return ActionResult.ok();
    }
    RunState run = claw.currentRun();
    claw.recovery = null;
    if (run != null && run.isActive()) {
      claw.cancelRequestedAt = now;
      Recoveries.cancel(claw, run.runId, "cancelled by operator", fx);
    } else {
      // Nothing runs: stop whatever a late task would start, and the claw is cancelled now.
      Recoveries.cancel(claw, null, "cancelled by operator", fx);
      claw.clawCause = ReasonCode.CANCELLED.code();
      claw.clawCauseMessage = "cancelled by operator";
    }
    fx.timeline(
        new TimelineEntry(now, "action.cancel", "cancel requested", claw.currentAttempt(), false));
    return ActionResult.ok();
  }

  /** Removes the claw from operation: whatever runs is cancelled, nothing recovers it (F6). */
  public static ActionResult remove(ClawState claw, Instant now, RuleSettings rules, Effects fx) {
    if (claw.lifecycle == Lifecycle.REMOVED) {
      return ActionResult.ok();
    }
    RunState run = claw.currentRun();
    if (run != null && run.isActive()) {
      Recoveries.cancel(claw, run.runId, "claw removed", fx);
    }
    claw.lifecycle = Lifecycle.REMOVED;
    claw.recovery = null;
    claw.cancelRequestedAt = null;
    fx.timeline(
        new TimelineEntry(now, "action.remove", "claw removed", claw.currentAttempt(), false));
    return ActionResult.ok();
  }

  private static ModelProfile profile(ClawState claw, String name) {
    RunState run = claw.currentRun();
    ModelProfile current =
        run != null && run.modelProfile != null ? run.modelProfile : claw.task.modelProfile();
    if (name == null || name.isBlank()) {
      return current;
    }
    return Stream.concat(
            Stream.of(current, claw.task.modelProfile()), claw.task.fallbackProfiles().stream())
        .filter(profile -> profile.name().equals(name))
        .findFirst()
        .orElse(null);
  }
}
