package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.UnknownData;
import java.time.Instant;

/**
 * Folds one envelope into a claw's state (DESIGN §7 F1–F3, F6): bootstrap, tasks and heartbeats
 * here, run events in {@link RunEventRules}. Called by {@link ClawReducer} only.
 */
public final class ClawFold {

  private ClawFold() {}

  /** Applies {@code envelope} to {@code claw} (created by the caller when new). */
  static void apply(
      ClawState claw, Envelope envelope, Instant now, RuleSettings rules, Effects fx) {
    MessageData data = envelope.data();
    Instant at = envelope.occurredAt();
    if (at.isBefore(claw.createdAt)) {
      // The claw began with its earliest record, whichever topic brought it first (F2).
      claw.createdAt = at;
    }
    if (data instanceof BootstrapRequested requested) {
      onBootstrapRequested(claw, requested, at, fx);
    } else if (data instanceof BootstrapStep step) {
      onBootstrapStep(claw, step, at, rules, fx);
    } else if (data instanceof BootstrapCompleted completed) {
      onBootstrapCompleted(claw, completed, at, rules, fx);
    } else if (data instanceof TaskDispatched task) {
      onTaskDispatched(claw, task, at, now, rules, fx);
    } else if (data instanceof RunHeartbeat beat) {
      onHeartbeat(claw, beat, at);
    } else if (data instanceof RunEvent event) {
      RunEventRules.apply(claw, event, at, now, rules, fx);
    } else if (data instanceof UnknownData unknown) {
      fx.timeline(
          new TimelineEntry(
              at,
              unknown.type(),
              "not understood by this version; ignored",
              claw.currentAttempt(),
              false));
    } else {
      fx.timeline(new TimelineEntry(at, envelope.type(), "ignored", claw.currentAttempt(), false));
    }
  }

  private static void onBootstrapRequested(
      ClawState claw, BootstrapRequested requested, Instant at, Effects fx) {
    if (requested.workflowRunId() != null) {
      claw.workflowRunId = requested.workflowRunId();
    }
    Capabilities capabilities = SpecReader.capabilities(requested.spec());
    if (capabilities != null) {
      claw.capabilities = capabilities;
    }
    if (claw.lifecycle == Lifecycle.REQUESTED || claw.lifecycle == Lifecycle.PROVISIONING) {
      claw.lifecycle = Lifecycle.PROVISIONING;
    }
    claw.bootstrap.restart(at, requested.deadlineAt());
    if (ReasonCode.PROVISION_TIMEOUT.code().equals(claw.clawCause)) {
      // A new checklist brings a new deadline: the old one no longer speaks.
      CauseLedger.clearClaw(claw);
    }
    fx.timeline(new TimelineEntry(at, BootstrapRequested.TYPE, "bootstrap requested", 0, false));
  }

  private static void onBootstrapStep(
      ClawState claw, BootstrapStep step, Instant at, RuleSettings rules, Effects fx) {
    StepResult previous = claw.bootstrap.steps.get(step.step());
    boolean stale = previous != null && previous.attempt() > step.attempt();
    fx.timeline(
        new TimelineEntry(
            at,
            BootstrapStep.TYPE,
            step.step() + " " + step.outcome().name().toLowerCase() + summarySuffix(step.message()),
            0,
            stale));
    if (stale) {
      return;
    }
    claw.bootstrap.steps.put(
        step.step(),
        new StepResult(
            step.step(),
            step.outcome().name().toLowerCase(),
            step.reason(),
            step.message(),
            step.attempt(),
            step.durationMs(),
            step.evidence(),
            at));
    if (step.outcome() == StepOutcome.FAILED) {
      String code = step.reason() != null ? step.reason() : ReasonCode.BOOTSTRAP_STEP_FAILED.code();
      CauseLedger.claw(claw, code, step.message(), at, rules);
    }
  }

  private static void onBootstrapCompleted(
      ClawState claw, BootstrapCompleted completed, Instant at, RuleSettings rules, Effects fx) {
    claw.bootstrap.ok = completed.ok();
    claw.bootstrap.reason = completed.reason();
    claw.bootstrap.message = completed.message();
    claw.bootstrap.completedAt = at;
    if (completed.ok()) {
      if (claw.lifecycle == Lifecycle.PROVISIONING || claw.lifecycle == Lifecycle.REQUESTED) {
        claw.lifecycle = Lifecycle.READY;
      }
    } else {
      String code =
          completed.reason() != null ? completed.reason() : ReasonCode.BOOTSTRAP_STEP_FAILED.code();
      if (!failedStepSaid(claw, code)) {
        // One entry per real failure: the failed step already recorded what the verdict repeats.
        CauseLedger.claw(claw, code, completed.message(), at, rules);
      }
    }
    fx.timeline(
        new TimelineEntry(
            at,
            BootstrapCompleted.TYPE,
            (completed.ok() ? "bootstrap ok" : "bootstrap failed")
                + summarySuffix(completed.message()),
            0,
            false));
  }

  /** Whether a failed step of the current checklist recorded {@code code} already. */
  private static boolean failedStepSaid(ClawState claw, String code) {
    Instant since = claw.bootstrap.requestedAt;
    return claw.causes.stream()
        .anyMatch(
            cause ->
                cause.attempt() == 0
                    && cause.failure()
                    && cause.code().equals(code)
                    && (since == null || !cause.at().isBefore(since)));
  }

  private static void onTaskDispatched(
      ClawState claw,
      TaskDispatched task,
      Instant at,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    RunState run = claw.run(task.attempt());
    if (run != null && run.taskId == null) {
      // The run's events overtook its task on the other topic (F2): the task completes the run,
      // and a model timeout seen before it can now look for a fallback.
      adoptTask(claw, run, task, at);
      fx.timeline(dispatchLine(task, at));
      if (ReasonCode.MODEL_TIMEOUT.code().equals(run.pinnedCause)) {
        ModelTimeoutRule.decide(claw, run, at, now, rules, fx);
      }
      return;
    }
    if (task.attempt() <= claw.currentAttempt()) {
      // Our own re-dispatch coming back from claw.tasks, or a redelivery: already recorded.
      return;
    }
    recordDispatch(claw, task, at, fx);
  }

  private static void adoptTask(ClawState claw, RunState run, TaskDispatched task, Instant at) {
    run.taskId = task.taskId();
    // The attempt was dispatched when its task was, not when its first event happened to be folded.
    run.dispatchedAt = at;
    if (run.modelProfile == null) {
      run.modelProfile = task.modelProfile();
    }
    if (run == claw.currentRun()) {
      claw.task = task;
    }
    if (!claw.usedProfiles.contains(task.modelProfile().name())) {
      claw.usedProfiles.add(task.modelProfile().name());
    }
    if (claw.capabilities == null) {
      claw.capabilities = task.capabilities();
    }
  }

  /** Records a new attempt as the current one; the previous attempt is fenced (F3). */
  static void recordDispatch(ClawState claw, TaskDispatched task, Instant at, Effects fx) {
    RunState previous = claw.currentRun();
    if (previous != null) {
      previous.superseded = previous.outcome == null;
    }
    RunState run = new RunState();
    run.attempt = task.attempt();
    run.taskId = task.taskId();
    run.modelProfile = task.modelProfile();
    run.dispatchedAt = at;
    claw.runs.add(run);
    claw.task = task;
    if (!claw.usedProfiles.contains(task.modelProfile().name())) {
      claw.usedProfiles.add(task.modelProfile().name());
    }
    if (claw.capabilities == null) {
      claw.capabilities = task.capabilities();
    }
    if (claw.lifecycle != Lifecycle.REMOVED) {
      claw.lifecycle = Lifecycle.READY;
    }
    fx.timeline(dispatchLine(task, at));
  }

  /**
   * The timeline line of a dispatch, whether the task was folded before its run's events or not.
   */
  private static TimelineEntry dispatchLine(TaskDispatched task, Instant at) {
    return new TimelineEntry(
        at,
        TaskDispatched.TYPE,
        "attempt "
            + task.attempt()
            + " dispatched with model profile "
            + task.modelProfile().name(),
        task.attempt(),
        false);
  }

  private static void onHeartbeat(ClawState claw, RunHeartbeat beat, Instant at) {
    RunState run = claw.run(beat.attempt());
    if (run == null || run != claw.currentRun() || run.superseded) {
      return;
    }
    if (run.runId == null) {
      // The beat overtook run.claimed on the other topic (F2): it names the run first. A beat
      // proves a runner holds the run, so it counts as claimed: if the runner dies before its
      // run.claimed ever reaches the topic, liveness still finds the run lost and re-dispatches it.
      run.runId = beat.runId();
      if (run.claimedAt == null) {
        run.claimedAt = at;
      }
    } else if (!run.runId.equals(beat.runId()) || beat.beat() <= run.lastBeat) {
      // Another run's beat, or one already counted: a beat applied twice counts once (F1).
      return;
    }
    if (run.runnerId == null) {
      run.runnerId = beat.runnerId();
    }
    if (run.lastHeartbeatAt == null || at.isAfter(run.lastHeartbeatAt)) {
      run.lastHeartbeatAt = at;
    }
    run.consecutiveBeats = beat.beat() == run.lastBeat + 1 ? run.consecutiveBeats + 1 : 1;
    run.lastBeat = Math.max(run.lastBeat, beat.beat());
    if (run.consecutiveBeats >= 2
        && run.isActive()
        && ReasonCode.PROVISION_TIMEOUT.code().equals(claw.clawCause)) {
      // F6: live beats of the current attempt prove the provision timeout was only inferred.
      CauseLedger.clearClaw(claw);
    }
  }

  private static String summarySuffix(String message) {
    return message == null || message.isBlank() ? "" : ": " + message;
  }
}
