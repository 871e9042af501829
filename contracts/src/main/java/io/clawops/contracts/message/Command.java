package io.clawops.contracts.message;

import java.util.UUID;

/**
 * A command on {@code claw.commands}; {@code commandId} lets every receiver act on it once even
 * when it is delivered twice.
 */
public sealed interface Command extends MessageData
    permits CommandInjectMessage, CommandCancel, CommandRebootstrap {

  UUID commandId();
}
