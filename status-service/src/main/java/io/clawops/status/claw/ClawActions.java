package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** The operator's actions on a claw, retry and cancel, each idempotent (DESIGN F9, F11). */
public final class ClawActions {

  private static final Set<ClawStatus> FINAL =
      EnumSet.of(
          ClawStatus.COMPLETED, ClawStatus.CANCELLED, ClawStatus.TIMED_OUT, ClawStatus.REMOVED);

  private ClawActions() {}

  /**
   * Retries a failed claw: after a bootstrap failure the checklist runs again; after a run failure
   * the next attempt is published, with {@code profileName} when given. {@code runSeconds}, when
   * given, becomes the run budget of the next attempt and of every later one (the task template). A
   * {@code timed_out} claw is retried only here, on the operator's word: its cause stays not
   * retryable, since the same budget would most likely run out again.
   */
  static ActionResult retry(
      ClawState claw,
      String profileName,
      Integer runSeconds,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    StatusView view = StatusClassifier.classify(claw, Liveness.connection(claw, now, rules));
    String refusal = RetryRefusals.of(claw, view);
    if (refusal != null) {
      return ActionResult.refused(refusal);
    }
    if (view.status() == ClawStatus.BOOTSTRAP_FAILED
        || view.status() == ClawStatus.WORKSPACE_INCOMPLETE
        || claw.task == null) {
      if (runSeconds != null) {
        return ActionResult.refused(
            "the claw is "
                + view.status().wire()
                + ": a retry re-runs the bootstrap checklist, which takes no runSeconds");
      }
      // The operator fixed the input (a secret, a repository): the checklist decides again.
      Recoveries.rebootstrap(claw, now, fx);
      return ActionResult.ok();
    }
    ModelProfile profile = profile(claw, profileName);
    if (profile == null) {
      return ActionResult.refused(
          "unknown model profile " + profileName + "; the task names " + profileNames(claw));
    }
    if (runSeconds != null) {
      claw.task = withRunSeconds(claw.task, runSeconds);
    }
    CauseLedger.clearClaw(claw);
    String detail =
        "retry requested with profile "
            + profile.name()
            + (runSeconds != null ? " and runSeconds " + runSeconds : "");
    Recoveries.dispatchNextAttempt(claw, profile, Recovery.RETRY, detail, now, fx);
    return ActionResult.ok();
  }

  /** Cancels whatever runs; final after the grace period even when no runner answers (F11). */
  static ActionResult cancel(ClawState claw, Instant now, RuleSettings rules, Effects fx) {
    StatusView view = StatusClassifier.classify(claw, Liveness.connection(claw, now, rules));
    if (FINAL.contains(view.status())) {
      return ActionResult.refused("the claw is already " + view.status().wire());
    }
    if (claw.cancelRequestedAt != null) {
      return ActionResult.ok();
    }
    RunState run = claw.currentRun();
    if (run != null && run.isActive()) {
      claw.cancelRequestedAt = now;
      Recoveries.cancel(claw, run.runId, "cancelled by operator", fx);
    } else {
      // Nothing runs: stop whatever a late task would start, and the claw is cancelled now.
      Recoveries.cancel(claw, null, "cancelled by operator", fx);
      CauseLedger.pinClawQuietly(claw, ReasonCode.CANCELLED.code(), "cancelled by operator");
    }
    fx.timeline(
        new TimelineEntry(now, "action.cancel", "cancel requested", claw.currentAttempt(), false));
    return ActionResult.ok();
  }

  /** Removes the claw from operation: whatever runs is cancelled, nothing recovers it (F6). */
  static ActionResult remove(ClawState claw, Instant now, RuleSettings rules, Effects fx) {
    if (claw.lifecycle == Lifecycle.REMOVED) {
      return ActionResult.ok();
    }
    RunState run = claw.currentRun();
    if (run != null && run.isActive()) {
      Recoveries.cancel(claw, run.runId, "claw removed", fx);
    }
    claw.lifecycle = Lifecycle.REMOVED;
    claw.cancelRequestedAt = null;
    fx.timeline(
        new TimelineEntry(now, "action.remove", "claw removed", claw.currentAttempt(), false));
    return ActionResult.ok();
  }

  private static TaskDispatched withRunSeconds(TaskDispatched task, int runSeconds) {
    Timeouts t = task.timeouts();
    return new TaskDispatched(
        task.taskId(),
        task.attempt(),
        task.runtime(),
        task.prompt(),
        task.workspacePath(),
        task.modelProfile(),
        task.fallbackProfiles(),
        task.capabilities(),
        new Timeouts(runSeconds, t.idleSeconds(), t.toolIdleSeconds(), t.heartbeatSeconds()),
        task.maxAttempts());
  }

  private static String profileNames(ClawState claw) {
    return String.join(
        ", ",
        Stream.concat(Stream.of(claw.task.modelProfile()), claw.task.fallbackProfiles().stream())
            .map(ModelProfile::name)
            .distinct()
            .toList());
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
