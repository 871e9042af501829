package io.clawops.contracts.codec;

import static java.util.Map.entry;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import java.util.Map;
import java.util.function.Function;

/**
 * One decoder per known message type, reading {@code data} field by field in record-component
 * order; which fields are optional is decided here and in the records' constructors.
 */
final class DataDecoders {

  static final Map<String, Function<Fields, MessageData>> BY_TYPE =
      Map.ofEntries(
          entry(
              BootstrapRequested.TYPE,
              f ->
                  new BootstrapRequested(
                      f.optionalString("workflowRunId"), f.json("spec"), f.instant("deadlineAt"))),
          entry(
              BootstrapStep.TYPE,
              f ->
                  new BootstrapStep(
                      f.string("step"),
                      f.enumValue("outcome", StepOutcome.class),
                      f.optionalString("reason"),
                      f.optionalString("message"),
                      f.integer("attempt"),
                      f.longInteger("durationMs"),
                      f.map("evidence"))),
          entry(
              BootstrapCompleted.TYPE,
              f ->
                  new BootstrapCompleted(
                      f.bool("ok"), f.optionalString("reason"), f.optionalString("message"))),
          entry(TaskDispatched.TYPE, DataDecoders::taskDispatched),
          entry(
              RunClaimed.TYPE,
              f ->
                  new RunClaimed(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.uuid("taskId"),
                      f.string("runnerId"))),
          entry(
              RunStarted.TYPE,
              f ->
                  new RunStarted(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.object("modelProfile", DataDecoders::modelProfile),
                      f.instant("deadlineAt"))),
          entry(
              RunToolUse.TYPE,
              f ->
                  new RunToolUse(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.string("callId"),
                      f.string("tool"),
                      f.string("inputDigest"),
                      f.optionalString("inputSummary"))),
          entry(
              RunToolResult.TYPE,
              f ->
                  new RunToolResult(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.string("callId"),
                      f.string("tool"),
                      f.bool("ok"),
                      f.optionalString("errorSummary"),
                      f.optionalString("outputDigest"))),
          entry(
              RunModel.TYPE,
              f ->
                  new RunModel(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.enumValue("phase", ModelPhase.class),
                      f.optionalString("model"),
                      f.optionalLong("latencyMs"),
                      f.optionalString("reason"))),
          entry(
              RunError.TYPE,
              f ->
                  new RunError(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.optionalString("code"),
                      f.optionalString("message"))),
          entry(
              RunHubMessageDelivered.TYPE,
              f ->
                  new RunHubMessageDelivered(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.uuid("commandId"))),
          entry(
              RunHubMessageUndelivered.TYPE,
              f ->
                  new RunHubMessageUndelivered(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.uuid("commandId"),
                      f.optionalString("reason"))),
          entry(
              RunFinished.TYPE,
              f ->
                  new RunFinished(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.longInteger("seq"),
                      f.enumValue("outcome", RunOutcome.class),
                      f.optionalString("code"),
                      f.optionalString("message"),
                      f.instant("finishedAt"),
                      f.optionalInstant("deadlineAt"))),
          entry(
              RunHeartbeat.TYPE,
              f ->
                  new RunHeartbeat(
                      f.uuid("runId"),
                      f.integer("attempt"),
                      f.string("runnerId"),
                      f.longInteger("lastSeq"),
                      f.longInteger("beat"))),
          entry(RunnerBeat.TYPE, DataDecoders::runnerBeat),
          entry(
              CommandInjectMessage.TYPE,
              f ->
                  new CommandInjectMessage(
                      f.uuid("commandId"),
                      f.uuid("runId"),
                      f.string("text"),
                      f.optionalString("rule"))),
          entry(
              CommandCancel.TYPE,
              f ->
                  new CommandCancel(
                      f.uuid("commandId"), f.optionalUuid("runId"), f.optionalString("reason"))),
          entry(CommandRebootstrap.TYPE, f -> new CommandRebootstrap(f.uuid("commandId"))),
          entry(
              StatusChanged.TYPE,
              f ->
                  new StatusChanged(
                      f.enumValue("status", ClawStatus.class),
                      f.optionalEnum("previousStatus", ClawStatus.class),
                      f.optionalString("reason"),
                      f.optionalString("message"),
                      f.bool("retryable"),
                      f.optionalEnum("connection", ConnectionState.class))));

  private DataDecoders() {}

  private static TaskDispatched taskDispatched(Fields f) {
    return new TaskDispatched(
        f.uuid("taskId"),
        f.integer("attempt"),
        f.string("runtime"),
        f.string("prompt"),
        f.string("workspacePath"),
        f.object("modelProfile", DataDecoders::modelProfile),
        f.objects("fallbackProfiles", DataDecoders::modelProfile),
        f.object("capabilities", DataDecoders::capabilities),
        f.object("timeouts", DataDecoders::timeouts),
        f.integer("maxAttempts"));
  }

  private static RunnerBeat runnerBeat(Fields f) {
    return new RunnerBeat(
        f.string("runnerId"),
        f.integer("slotsTotal"),
        f.integer("slotsBusy"),
        f.objects(
            "runs",
            run ->
                new RunnerBeat.HeldRun(
                    run.uuid("clawId"), run.uuid("runId"), run.integer("attempt"))),
        f.optionalString("version"),
        f.integer("beatSeconds"),
        f.longInteger("beat"),
        f.bool("claiming"));
  }

  private static ModelProfile modelProfile(Fields f) {
    return new ModelProfile(f.string("name"), f.string("model"), f.integer("idleTimeoutSeconds"));
  }

  private static Capabilities capabilities(Fields f) {
    return new Capabilities(
        f.bool("elevatedExec"), f.bool("browser"), f.bool("fileTools"), f.bool("processTools"));
  }

  private static Timeouts timeouts(Fields f) {
    return new Timeouts(
        f.integer("runSeconds"),
        f.integer("idleSeconds"),
        f.integer("toolIdleSeconds"),
        f.integer("heartbeatSeconds"));
  }
}
