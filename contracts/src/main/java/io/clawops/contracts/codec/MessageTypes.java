package io.clawops.contracts.codec;

import static java.util.Map.entry;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.TaskDispatched;
import java.util.Map;

/**
 * The record each known message type decodes into. Which fields are required and which values are
 * valid is the records' business: their constructors check it, and Jackson calls them.
 */
final class MessageTypes {

  static final Map<String, Class<? extends MessageData>> BY_TYPE =
      Map.ofEntries(
          entry(BootstrapRequested.TYPE, BootstrapRequested.class),
          entry(BootstrapStep.TYPE, BootstrapStep.class),
          entry(BootstrapCompleted.TYPE, BootstrapCompleted.class),
          entry(TaskDispatched.TYPE, TaskDispatched.class),
          entry(RunClaimed.TYPE, RunClaimed.class),
          entry(RunStarted.TYPE, RunStarted.class),
          entry(RunToolUse.TYPE, RunToolUse.class),
          entry(RunToolResult.TYPE, RunToolResult.class),
          entry(RunModel.TYPE, RunModel.class),
          entry(RunError.TYPE, RunError.class),
          entry(RunHubMessageDelivered.TYPE, RunHubMessageDelivered.class),
          entry(RunHubMessageUndelivered.TYPE, RunHubMessageUndelivered.class),
          entry(RunFinished.TYPE, RunFinished.class),
          entry(RunHeartbeat.TYPE, RunHeartbeat.class),
          entry(RunnerBeat.TYPE, RunnerBeat.class),
          entry(CommandInjectMessage.TYPE, CommandInjectMessage.class),
          entry(CommandCancel.TYPE, CommandCancel.class),
          entry(CommandRebootstrap.TYPE, CommandRebootstrap.class),
          entry(StatusChanged.TYPE, StatusChanged.class));

  private MessageTypes() {}
}
