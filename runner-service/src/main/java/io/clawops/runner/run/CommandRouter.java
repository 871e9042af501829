package io.clawops.runner.run;

import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies commands to the runs this runner owns and ignores the rest; a command delivered twice
 * (same {@code commandId}) acts once (F9).
 */
public final class CommandRouter {

  private static final Logger LOG = Logger.getLogger(CommandRouter.class);
  private static final int REMEMBERED_COMMANDS = 10_000;

  private final RunRegistry runs;
  private final Set<UUID> acted =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
              return size() > REMEMBERED_COMMANDS;
            }
          });

  public CommandRouter(RunRegistry runs) {
    this.runs = runs;
  }

  /** Called from the one command consumer thread. */
  public void accept(Envelope envelope) {
    if (envelope.data() instanceof CommandInjectMessage inject) {
      runs.find(inject.runId())
          .filter(run -> firstTime(inject.commandId()))
          .ifPresent(run -> run.injectHubMessage(inject.commandId(), inject.text()));
    } else if (envelope.data() instanceof CommandCancel cancel) {
      List<AgentRun> targets =
          cancel.runId() == null
              ? runs.forClaw(envelope.clawId())
              : runs.find(cancel.runId()).stream().toList();
      if (!targets.isEmpty() && firstTime(cancel.commandId())) {
        LOG.infof("cancel %s for claw %s", cancel.commandId(), envelope.clawId());
        targets.forEach(run -> run.requestStop(StopCause.CANCEL, cancel.reason()));
      }
    }
  }

  private synchronized boolean firstTime(UUID commandId) {
    return acted.add(commandId);
  }
}
