package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import java.time.Instant;

/**
 * Applies run events to the current attempt: fencing (F3), the (runId, seq) high-water mark (F1),
 * sticky outcomes (F4, F5), then the loop and model-timeout rules.
 */
final class RunEventRules {

  private RunEventRules() {}

  static void apply(
      ClawState claw, RunEvent event, Instant at, Instant now, RuleSettings rules, Effects fx) {
    if (isRedelivery(claw, event)) {
      return;
    }
    if (event instanceof RunClaimed && isStopped(claw)) {
      // The cancel (or removal) came before any runner owned the run: it lands now (F11).
      Recoveries.cancel(
          claw, event.runId(), "the claw was cancelled before this run was claimed", fx);
    }
    RunState run = claw.run(event.attempt());
    if (run == null && event.attempt() > claw.currentAttempt()) {
      // The event overtook its task on the other topic (F2): the attempt starts here.
      run = new RunState();
      run.attempt = event.attempt();
      run.dispatchedAt = at;
      claw.runs.add(run);
    }
    if (event instanceof RunClaimed
        && run != null
        && (run.superseded || run != claw.currentRun())
        && !event.runId().equals(run.runId)) {
      // A task of an attempt already superseded was delivered again and claimed (its first runner
      // died before committing it, and liveness moved on): the new run is fenced like the old one.
      Recoveries.cancel(
          claw,
          event.runId(),
          "attempt " + event.attempt() + " was superseded by attempt " + claw.currentAttempt(),
          fx);
    }
    if (run == null
        || run.superseded
        || run != claw.currentRun()
        || foreignRun(claw, run, event, fx)) {
      if (run != null && event.runId().equals(run.runId)) {
        // A fenced run's own events keep its high-water mark too, so a redelivery adds no line.
        run.highSeq = Math.max(run.highSeq, event.seq());
      }
      fx.timeline(new TimelineEntry(at, event.type(), Summaries.of(event), event.attempt(), true));
      return;
    }
    run.highSeq = event.seq();
    fx.timeline(new TimelineEntry(at, event.type(), Summaries.of(event), event.attempt(), false));
    if (event instanceof RunClaimed claimed) {
      run.runnerId = claimed.runnerId();
      run.claimedAt = at;
    } else if (event instanceof RunStarted started) {
      onStarted(claw, run, started, at);
    } else if (event instanceof RunToolUse use) {
      LoopDetector.onToolUse(run.loop, use);
    } else if (event instanceof RunToolResult result) {
      LoopRules.onToolResult(claw, run, result, now, rules, fx);
    } else if (event instanceof RunModel model && model.phase() == ModelPhase.TIMEOUT) {
      ModelTimeoutRule.onTimeout(claw, run, timeoutMessage(model), at, now, rules, fx);
    } else if (event instanceof RunModel model && model.phase() == ModelPhase.RETRY) {
      // Not a cause: the agent retries on its own; only no answer at all (M1) or the run's end
      // decides. A reason the contract does not know reads as a server error.
      String code =
          ReasonCode.fromCode(String.valueOf(model.reason()))
              .map(ReasonCode::code)
              .orElse(ReasonCode.PROVIDER_SERVER_ERROR.code());
      run.modelRetry = Cause.of(code, Summaries.of(event), at, run.attempt, run.runId);
    } else if (event instanceof RunModel model && model.phase() == ModelPhase.RESPONSE) {
      run.modelRetry = null;
    } else if (event instanceof RunError error) {
      onError(claw, run, error, at, now, rules, fx);
    } else if (event instanceof RunHubMessageDelivered delivered) {
      claw.hubMessages.replaceAll(
          message ->
              message.commandId().equals(delivered.commandId())
                  ? message.markDelivered()
                  : message);
    } else if (event instanceof RunHubMessageUndelivered undelivered) {
      LoopRules.onUndelivered(claw, run, undelivered, now, rules, fx);
    } else if (event instanceof RunFinished finished) {
      onFinished(claw, run, finished, rules);
    }
  }

  /**
   * F1 for run events: the run's events are folded in {@code seq} order (one claw, one partition),
   * so an event of a run the claw knows, at or below that run's high-water mark, was applied.
   */
  static boolean isRedelivery(ClawState claw, RunEvent event) {
    RunState run = claw.run(event.attempt());
    return run != null && event.runId().equals(run.runId) && event.seq() <= run.highSeq;
  }

  private static boolean isStopped(ClawState claw) {
    RunState current = claw.currentRun();
    return claw.lifecycle == Lifecycle.REMOVED
        || claw.cancelRequestedAt != null
        || ReasonCode.CANCELLED.code().equals(claw.clawCause)
        || (current != null && ReasonCode.CANCELLED.code().equals(current.pinnedCause));
  }

  /** A second runner's run of the same attempt: stop it, one claw never has two live runs. */
  private static boolean foreignRun(ClawState claw, RunState run, RunEvent event, Effects fx) {
    if (run.runId == null) {
      run.runId = event.runId();
      return false;
    }
    if (run.runId.equals(event.runId())) {
      return false;
    }
    if (event instanceof RunClaimed claimed && run.startedAt == null && run.outcome == null) {
      // The first claim never started its agent: a runner starts only once its task's commit
      // succeeded (DESIGN §9.1), and this second claim proves the task was delivered again, so the
      // first runner died or gave the task up. This claim owns the attempt; the old one is fenced.
      Recoveries.cancel(
          claw,
          run.runId,
          "superseded: runner " + claimed.runnerId() + " claimed attempt " + claimed.attempt(),
          fx);
      run.runId = claimed.runId();
      run.highSeq = 0;
      run.lastHeartbeatAt = null;
      run.lastBeat = 0;
      run.consecutiveBeats = 0;
      return false;
    }
    if (event instanceof RunClaimed) {
      Recoveries.cancel(claw, event.runId(), "duplicate run of attempt " + event.attempt(), fx);
    }
    return true;
  }

  private static void onStarted(ClawState claw, RunState run, RunStarted started, Instant at) {
    run.startedAt = at;
    run.deadlineAt = started.deadlineAt();
    if (started.modelProfile() != null) {
      run.modelProfile = started.modelProfile();
    }
    if (claw.lifecycle != Lifecycle.REMOVED) {
      claw.lifecycle = Lifecycle.RUNNING;
    }
  }

  private static void onError(
      ClawState claw,
      RunState run,
      RunError error,
      Instant at,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    if (ReasonCode.MODEL_TIMEOUT.code().equals(error.code())) {
      ModelTimeoutRule.onTimeout(claw, run, error.message(), at, now, rules, fx);
    } else if (ReasonCode.UNKNOWN.code().equals(error.code())) {
      // Unclassified: recorded, but a later classified cause may still be the authoritative one.
      CauseLedger.observed(claw, run, error.code(), error.message(), at, rules);
    } else {
      CauseLedger.authoritative(claw, run, error.code(), error.message(), at, rules);
    }
  }

  /**
   * F4/F5: the first outcome sticks, except that a completion before the deadline corrects a
   * timeout.
   */
  private static void onFinished(
      ClawState claw, RunState run, RunFinished finished, RuleSettings rules) {
    if (run.deadlineAt == null) {
      run.deadlineAt = finished.deadlineAt();
    }
    if (run.outcome == null) {
      run.outcome = finished.outcome();
      run.finishedAt = finished.finishedAt();
      if (finished.outcome() != RunOutcome.COMPLETED) {
        String code = finished.code() != null ? finished.code() : defaultCode(finished.outcome());
        CauseLedger.authoritative(
            claw, run, code, finished.message(), finished.finishedAt(), rules);
      }
    } else if (run.outcome == RunOutcome.TIMED_OUT
        && finished.outcome() == RunOutcome.COMPLETED
        && run.deadlineAt != null
        && finished.finishedAt().isBefore(run.deadlineAt)) {
      run.outcome = RunOutcome.COMPLETED;
      run.finishedAt = finished.finishedAt();
      CauseLedger.unpin(run);
    } else if (finished.code() != null) {
      // The outcome stuck (F4): what the runner says now is evidence, not a new failure.
      CauseLedger.observed(
          claw, run, finished.code(), finished.message(), finished.finishedAt(), rules);
    }
    if (claw.lifecycle != Lifecycle.REMOVED) {
      claw.lifecycle = Lifecycle.FINISHED;
    }
    claw.cancelRequestedAt = null;
    Recoveries.settleMessages(
        claw,
        run.runId,
        run.outcome == RunOutcome.COMPLETED ? HubMessage.RECOVERED : HubMessage.PERSISTED);
  }

  static String defaultCode(RunOutcome outcome) {
    return switch (outcome) {
      case TIMED_OUT -> ReasonCode.HARD_TIMEOUT.code();
      case CANCELLED -> ReasonCode.CANCELLED.code();
      case STALLED -> ReasonCode.IDLE_WATCHDOG.code();
      default -> ReasonCode.UNKNOWN.code();
    };
  }

  private static String timeoutMessage(RunModel model) {
    return "model "
        + (model.model() != null ? model.model() : "provider")
        + " timed out"
        + (model.latencyMs() != null ? " after " + model.latencyMs() + " ms" : "");
  }
}
