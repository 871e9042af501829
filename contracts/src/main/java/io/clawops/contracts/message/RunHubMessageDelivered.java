package io.clawops.contracts.message;

import java.util.UUID;

/** {@code run.hub_message_delivered}: the runner wrote an injected message to the agent. */
public record RunHubMessageDelivered(UUID runId, int attempt, long seq, UUID commandId)
    implements RunEvent {

  public static final String TYPE = "run.hub_message_delivered";

  public RunHubMessageDelivered {
    RunEvents.check(runId, attempt, seq);
    Require.present(commandId, "commandId");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
