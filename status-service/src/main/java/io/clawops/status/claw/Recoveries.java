package io.clawops.status.claw;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.TaskDispatched;
import java.time.Instant;
import java.util.UUID;

/**
 * The corrective actions the rules take: new attempts, cancels, hub messages and re-bootstraps.
 * Each is what the claw's {@link ClawState#recovery()} is then derived from.
 */
final class Recoveries {

  private Recoveries() {}

  /** Publishes the next attempt of the claw's task with {@code profile} and records it. */
  static TaskDispatched dispatchNextAttempt(
      ClawState claw, ModelProfile profile, String kind, String detail, Instant now, Effects fx) {
    TaskDispatched template = claw.task;
    TaskDispatched next =
        new TaskDispatched(
            fx.id("task"),
            claw.currentAttempt() + 1,
            template.runtime(),
            template.prompt(),
            template.workspacePath(),
            profile,
            template.fallbackProfiles(),
            template.capabilities(),
            template.timeouts(),
            template.maxAttempts());
    fx.publish(Topics.TASKS, next);
    ClawFold.recordDispatch(claw, next, now, fx);
    claw.currentRun().origin = new Recovery(kind, detail, now, next.attempt());
    return next;
  }

  /** Asks the runner of {@code runId} (or of whatever runs, when null) to stop it. */
  static UUID cancel(ClawState claw, UUID runId, String reason, Effects fx) {
    UUID commandId = fx.id("command");
    fx.publish(Topics.COMMANDS, new CommandCancel(commandId, runId, reason));
    return commandId;
  }

  /** Injects a corrective message into a run and records it (L3). */
  static UUID inject(
      ClawState claw, RunState run, String rule, String text, Instant now, Effects fx, int limit) {
    UUID commandId = fx.id("command");
    CommandInjectMessage command = new CommandInjectMessage(commandId, run.runId, text, rule);
    fx.publish(Topics.COMMANDS, command);
    claw.hubMessages.add(HubMessage.sent(commandId, run.runId, rule, command.text(), now));
    trim(claw.hubMessages, limit);
    fx.timeline(new TimelineEntry(now, "hub_message", command.text(), run.attempt, false));
    return commandId;
  }

  /** Asks the provisioner to run the checklist again. */
  static void rebootstrap(ClawState claw, Instant now, Effects fx) {
    fx.publish(Topics.COMMANDS, new CommandRebootstrap(fx.id("command")));
    claw.rebootstrapRequestedAt = now;
  }

  /** Settles every pending corrective message of a run with {@code outcome}. */
  static void settleMessages(ClawState claw, UUID runId, String outcome) {
    claw.hubMessages.replaceAll(
        message ->
            HubMessage.PENDING.equals(message.outcome()) && message.runId().equals(runId)
                ? message.withOutcome(outcome)
                : message);
  }

  static <T> void trim(java.util.List<T> list, int limit) {
    while (list.size() > limit) {
      list.remove(0);
    }
  }
}
