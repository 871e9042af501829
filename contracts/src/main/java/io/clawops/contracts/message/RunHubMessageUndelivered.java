package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code run.hub_message_undelivered}: the runner could not give an injected message to the agent
 * (an agent that takes no input mid-run, a closed stdin), so the agent never saw it. The reason is
 * sanitized and capped on construction.
 */
public record RunHubMessageUndelivered(
    UUID runId, int attempt, long seq, UUID commandId, String reason) implements RunEvent {

  public static final String TYPE = "run.hub_message_undelivered";

  public RunHubMessageUndelivered {
    RunEvents.check(runId, attempt, seq);
    Require.present(commandId, "commandId");
    reason = Sanitizer.sanitize(reason, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
