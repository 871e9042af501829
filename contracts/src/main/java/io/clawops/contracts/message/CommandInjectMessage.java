package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code command.inject_message}: the runner owning {@code runId} writes {@code text} to the agent
 * as a hub message. {@code rule} names the detector rule that asked for it (null for a manual
 * message); the text is sanitized and capped to {@link Sanitizer#MAX_LENGTH} on construction,
 * because it is also shown in the timeline.
 */
public record CommandInjectMessage(UUID commandId, UUID runId, String text, String rule)
    implements Command {

  public static final String TYPE = "command.inject_message";

  public CommandInjectMessage {
    Require.present(commandId, "commandId");
    Require.present(runId, "runId");
    text = Require.nonBlank(Sanitizer.sanitize(text), "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
