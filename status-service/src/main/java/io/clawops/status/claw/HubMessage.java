package io.clawops.status.claw;

import java.time.Instant;
import java.util.UUID;

/**
 * A corrective message injected into a run (DESIGN L3), with its delivery and outcome: {@code
 * pending}, {@code loop_recovered} or {@code loop_persisted}.
 */
public record HubMessage(
    UUID commandId,
    UUID runId,
    String rule,
    String text,
    Instant at,
    boolean delivered,
    String outcome) {

  public static final String PENDING = "pending";
  public static final String RECOVERED = "loop_recovered";
  public static final String PERSISTED = "loop_persisted";

  HubMessage markDelivered() {
    return new HubMessage(commandId, runId, rule, text, at, true, outcome);
  }

  HubMessage withOutcome(String newOutcome) {
    return new HubMessage(commandId, runId, rule, text, at, delivered, newOutcome);
  }
}
