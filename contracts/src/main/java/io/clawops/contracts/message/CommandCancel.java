package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code command.cancel}: stop the run {@code runId}, or whatever runs for the claw when {@code
 * runId} is null. {@code reason} is sanitized and capped on construction.
 */
public record CommandCancel(UUID commandId, UUID runId, String reason) implements Command {

  public static final String TYPE = "command.cancel";

  public CommandCancel {
    Require.present(commandId, "commandId");
    reason = Sanitizer.sanitize(reason, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
