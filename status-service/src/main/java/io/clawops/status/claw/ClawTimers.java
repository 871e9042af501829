package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The timers of DESIGN §7, derived from the timestamps stored in the claw (so they survive a
 * restart): provision deadline, claimed-but-never-started, liveness and re-dispatch, the hard
 * deadline of a silent run, and the cancel grace of F11.
 */
public final class ClawTimers {

  private ClawTimers() {}

  /**
   * Fires every timer that is due at {@code now}. {@code watchingSince} is when this instance began
   * folding the claw's partition: silence is only measured from then, so a service that just took
   * over never mistakes its own catching up for a lost runner.
   */
  static void tick(
      ClawState claw, Instant now, Instant watchingSince, RuleSettings rules, Effects fx) {
    if (claw.lifecycle == Lifecycle.REMOVED) {
      return;
    }
    provisionDeadline(claw, now, rules);
    RunState run = claw.currentRun();
    if (run != null && run.isActive()) {
      cancelGrace(claw, run, now, rules);
      silentPastDeadline(claw, run, now, rules);
      // A silent runner is lost even before it started the agent (it died mid-claim): the task
      // goes to the next attempt rather than failing as never started.
      runnerLost(claw, run, now, watchingSince, rules, fx);
      startTimeout(claw, run, now, rules, fx);
    } else if (claw.cancelRequestedAt != null) {
      pinClawCancel(claw, now);
    }
  }

  /** When {@link #tick} has something to do next, or null when no timer runs. */
  public static Instant nextDue(ClawState claw, Instant now, RuleSettings rules) {
    if (claw.lifecycle == Lifecycle.REMOVED) {
      return null;
    }
    RunState run = claw.currentRun();
    Stream.Builder<Instant> due = Stream.builder();
    if (claw.bootstrap.ok == null && claw.clawCause == null) {
      due.add(claw.bootstrap.deadlineAt);
    }
    if (claw.cancelRequestedAt != null) {
      due.add(claw.cancelRequestedAt.plus(rules.cancelGrace()));
    }
    if (run != null && run.isActive()) {
      if (run.claimedAt != null && run.startedAt == null && run.pinnedCause == null) {
        // Only while the start timeout can still fire: once it (or any other cause) is pinned, a
        // due time left in the past would be swept again and again without changing anything.
        due.add(run.claimedAt.plus(rules.startTimeout()));
      }
      if (run.deadlineAt != null) {
        due.add(run.deadlineAt.plus(rules.deadlineGrace()));
      }
      due.add(Liveness.nextChange(claw, now, rules));
    }
    return due.build().filter(at -> at != null).min(Instant::compareTo).orElse(null);
  }

  /**
   * {@link #nextDue} for a claw the sweeper has just ticked at {@code now}: never earlier than
   * {@code retryAt}. A timer that was due but held back (silence is measured from a takeover that
   * is still recent) is looked at again on a later sweep rather than selected again at once, so a
   * batch of such claws can never keep the sweeper from the rest.
   */
  public static Instant nextDueAfterTick(
      ClawState claw, Instant now, RuleSettings rules, Instant retryAt) {
    Instant due = nextDue(claw, now, rules);
    return due == null || due.isAfter(retryAt) ? due : retryAt;
  }

  private static void provisionDeadline(ClawState claw, Instant now, RuleSettings rules) {
    BootstrapState bootstrap = claw.bootstrap;
    if (bootstrap.ok == null
        && bootstrap.deadlineAt != null
        && !now.isBefore(bootstrap.deadlineAt)
        && claw.clawCause == null) {
      CauseLedger.pinClaw(
          claw,
          ReasonCode.PROVISION_TIMEOUT.code(),
          "bootstrap did not complete before its deadline " + bootstrap.deadlineAt,
          now,
          rules);
    }
  }

  private static void cancelGrace(ClawState claw, RunState run, Instant now, RuleSettings rules) {
    if (claw.cancelRequestedAt != null
        && !now.isBefore(claw.cancelRequestedAt.plus(rules.cancelGrace()))) {
      // F11: no runner answered the cancel; it is final all the same.
      CauseLedger.authoritative(
          claw,
          run,
          ReasonCode.CANCELLED.code(),
          "cancelled; the runner did not confirm",
          now,
          rules);
      run.outcome = RunOutcome.CANCELLED;
      run.finishedAt = now;
      claw.lifecycle = Lifecycle.FINISHED;
      claw.cancelRequestedAt = null;
    }
  }

  private static void startTimeout(
      ClawState claw, RunState run, Instant now, RuleSettings rules, Effects fx) {
    if (run.isActive()
        && run.claimedAt != null
        && run.startedAt == null
        && run.pinnedCause == null
        && !now.isBefore(run.claimedAt.plus(rules.startTimeout()))) {
      String message = "runner " + run.runnerId + " claimed the task but never started the agent";
      CauseLedger.authoritative(claw, run, ReasonCode.DISPATCH_TIMEOUT.code(), message, now, rules);
      Recoveries.cancel(claw, run.runId, message, fx);
    }
  }

  private static void silentPastDeadline(
      ClawState claw, RunState run, Instant now, RuleSettings rules) {
    if (run.isActive()
        && run.deadlineAt != null
        && !now.isBefore(run.deadlineAt.plus(rules.deadlineGrace()))) {
      // A provisional timeout: a completion with finishedAt before the deadline corrects it (F4).
      CauseLedger.authoritative(
          claw,
          run,
          ReasonCode.HARD_TIMEOUT.code(),
          "no outcome reported by the hard deadline " + run.deadlineAt,
          now,
          rules);
      run.outcome = RunOutcome.TIMED_OUT;
      run.finishedAt = now;
      claw.lifecycle = Lifecycle.FINISHED;
    }
  }

  private static void runnerLost(
      ClawState claw,
      RunState run,
      Instant now,
      Instant watchingSince,
      RuleSettings rules,
      Effects fx) {
    if (!run.isClaimedAndActive() || run.pinnedCause != null || claw.recovery() != null) {
      return;
    }
    Instant evidence = Liveness.evidenceAt(claw);
    if (evidence != null && evidence.isBefore(watchingSince)) {
      evidence = watchingSince;
    }
    if (evidence == null
        || Liveness.missedBeats(claw, evidence, now, rules) < rules.redispatchBeats()) {
      return;
    }
    String message =
        "runner "
            + run.runnerId
            + " sent no heartbeat for "
            + Duration.between(evidence, now).toSeconds()
            + " s";
    // Fence the lost run before anything else: it may still be alive behind a partition.
    Recoveries.cancel(claw, run.runId, message, fx);
    if (claw.task != null && run.attempt < claw.task.maxAttempts()) {
      CauseLedger.recovered(claw, run, ReasonCode.RUNNER_LOST.code(), message, now, rules);
      Recoveries.dispatchNextAttempt(
          claw,
          run.modelProfile != null ? run.modelProfile : claw.task.modelProfile(),
          Recovery.REDISPATCH,
          message,
          now,
          fx);
    } else {
      CauseLedger.authoritative(claw, run, ReasonCode.RUNNER_LOST.code(), message, now, rules);
    }
  }

  private static void pinClawCancel(ClawState claw, Instant now) {
    CauseLedger.pinClawQuietly(
        claw, ReasonCode.CANCELLED.code(), "cancelled before a runner took the claw");
    claw.cancelRequestedAt = null;
  }
}
