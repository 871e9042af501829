package io.clawops.contracts.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The displayed status of a claw (DESIGN §6.2), listed in the classifier's precedence order: the
 * first status whose condition holds wins.
 */
public enum ClawStatus {
  REMOVED,
  COMPLETED,
  TIMED_OUT,
  CANCELLED,
  WORKSPACE_INCOMPLETE,
  BOOTSTRAP_FAILED,
  RECOVERING,
  MODEL_TIMEOUT,
  TOOL_BLOCKED,
  STALLED,
  FAILED,
  OFFLINE,
  RUNNING,
  READY,
  PROVISIONING;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
