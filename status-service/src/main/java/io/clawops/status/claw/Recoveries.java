package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.TaskDispatched;
import java.time.Instant;
import java.util.UUID;

/**
 * The corrective actions the rules take: new attempts, cancels, hub messages, re-bootstraps, and
 * the bookkeeping of causes and failures that goes with them.
 */
final class Recoveries {

  private Recoveries() {}

  /** Publishes the next attempt of the claw's task with {@code profile} and records it. */
  static TaskDispatched dispatchNextAttempt(
      ClawState claw, ModelProfile profile, String kind, String detail, Instant now, Effects fx) {
    TaskDispatched template = claw.task;
    TaskDispatched next =
        new TaskDispatched(
            UUID.randomUUID(),
            claw.currentAttempt() + 1,
            template.runtime(),
            template.prompt(),
            template.workspacePath(),
            profile,
            template.fallbackProfiles(),
            template.capabilities(),
            template.timeouts(),
            template.maxAttempts());
    fx.publish(Topics.TASKS, Envelope.of(claw.clawId, fx.source(), next));
    ClawFold.recordDispatch(claw, next, now, fx);
    claw.recovery = new Recovery(kind, detail, now, next.attempt());
    return next;
  }

  /** Asks the runner of {@code runId} (or of whatever runs, when null) to stop it. */
  static UUID cancel(ClawState claw, UUID runId, String reason, Effects fx) {
    UUID commandId = UUID.randomUUID();
    fx.publish(
        Topics.COMMANDS,
        Envelope.of(claw.clawId, fx.source(), new CommandCancel(commandId, runId, reason)));
    return commandId;
  }

  /** Injects a corrective message into a run and records it (L3). */
  static UUID inject(
      ClawState claw, RunState run, String rule, String text, Instant now, Effects fx, int limit) {
    UUID commandId = UUID.randomUUID();
    CommandInjectMessage command = new CommandInjectMessage(commandId, run.runId, text, rule);
    fx.publish(Topics.COMMANDS, Envelope.of(claw.clawId, fx.source(), command));
    claw.hubMessages.add(HubMessage.sent(commandId, run.runId, rule, command.text(), now));
    trim(claw.hubMessages, limit);
    claw.recovery =
        new Recovery(
            Recovery.CORRECTIVE_MESSAGE,
            "corrective message sent (" + rule + ")",
            now,
            run.attempt);
    fx.timeline(new TimelineEntry(now, "hub_message", command.text(), run.attempt, false));
    return commandId;
  }

  /** Asks the provisioner to run the checklist again. */
  static void rebootstrap(ClawState claw, Instant now, Effects fx) {
    fx.publish(
        Topics.COMMANDS,
        Envelope.of(claw.clawId, fx.source(), new CommandRebootstrap(UUID.randomUUID())));
    claw.recovery = new Recovery(Recovery.REBOOTSTRAP, "bootstrap checklist re-run", now, 0);
  }

  /** Records a cause on a run and pins it if it is the first authoritative one (F5). */
  static void cause(
      ClawState claw, RunState run, String code, String message, Instant at, int limit) {
    run.causes.add(new Cause(code, message, at));
    trim(run.causes, limit);
    if (run.pinnedCause == null) {
      run.pinnedCause = code;
      fail(claw, code, message, at, run.runId, limit);
    }
  }

  /** Records a classified failure: the latest, and in the bounded history. */
  static void fail(ClawState claw, String code, String message, Instant at, UUID runId, int limit) {
    boolean retryable = ReasonCode.fromCode(code).map(ReasonCode::retryable).orElse(false);
    Failure failure = new Failure(code, message, at, runId, retryable);
    claw.lastFailure = failure;
    claw.failures.add(failure);
    trim(claw.failures, limit);
  }

  /** Settles every pending corrective message of a run with {@code outcome}. */
  static void settleMessages(ClawState claw, UUID runId, String outcome) {
    claw.hubMessages.replaceAll(
        message ->
            HubMessage.PENDING.equals(message.outcome()) && message.runId().equals(runId)
                ? message.withOutcome(outcome)
                : message);
    if (claw.recovery != null && Recovery.CORRECTIVE_MESSAGE.equals(claw.recovery.kind())) {
      claw.recovery = null;
    }
  }

  static <T> void trim(java.util.List<T> list, int limit) {
    while (list.size() > limit) {
      list.remove(0);
    }
  }
}
