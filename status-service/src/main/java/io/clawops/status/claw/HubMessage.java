package io.clawops.status.claw;

import java.time.Instant;
import java.util.UUID;

/**
 * A corrective message injected into a run (DESIGN L3), with its delivery and outcome: {@code
 * pending}, {@code loop_recovered} or {@code loop_persisted}. {@code delivery} is {@code sent}
 * until the runner reports it {@code delivered} to the agent or {@code undelivered} (with {@code
 * undeliveredReason}): an agent that takes no input mid-run never gets it.
 */
public record HubMessage(
    UUID commandId,
    UUID runId,
    String rule,
    String text,
    Instant at,
    boolean delivered,
    String outcome,
    String delivery,
    String undeliveredReason) {

  public static final String PENDING = "pending";
  public static final String RECOVERED = "loop_recovered";
  public static final String PERSISTED = "loop_persisted";

  public static final String SENT = "sent";
  public static final String DELIVERED = "delivered";
  public static final String UNDELIVERED = "undelivered";

  public HubMessage {
    if (delivery == null) {
      // A record stored before delivery was tracked knows only whether it was delivered.
      delivery = delivered ? DELIVERED : SENT;
    }
  }

  /** A message just published, not yet delivered. */
  static HubMessage sent(UUID commandId, UUID runId, String rule, String text, Instant at) {
    return new HubMessage(commandId, runId, rule, text, at, false, PENDING, SENT, null);
  }

  HubMessage markDelivered() {
    return new HubMessage(commandId, runId, rule, text, at, true, outcome, DELIVERED, null);
  }

  /** The agent never got it; a delivery already confirmed stays confirmed. */
  HubMessage markUndelivered(String reason) {
    return delivered
        ? this
        : new HubMessage(commandId, runId, rule, text, at, false, outcome, UNDELIVERED, reason);
  }

  HubMessage withOutcome(String newOutcome) {
    return new HubMessage(
        commandId, runId, rule, text, at, delivered, newOutcome, delivery, undeliveredReason);
  }
}
