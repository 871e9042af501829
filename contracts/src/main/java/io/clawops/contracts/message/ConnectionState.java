package io.clawops.contracts.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Liveness of a claw's runner, derived from the age of its last heartbeat. */
public enum ConnectionState {
  CONNECTED,
  STALE,
  OFFLINE;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
