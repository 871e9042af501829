package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a claw is in its life (DESIGN §6.1), independent of how it is doing. */
public enum Lifecycle {
  REQUESTED,
  PROVISIONING,
  READY,
  RUNNING,
  FINISHED,
  REMOVED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
