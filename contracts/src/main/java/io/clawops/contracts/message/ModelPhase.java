package io.clawops.contracts.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Phase of one model call reported by the agent. */
public enum ModelPhase {
  REQUEST,
  RESPONSE,
  TIMEOUT,
  /** The provider refused or failed the call and the agent retries it; {@code reason} says why. */
  RETRY;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
