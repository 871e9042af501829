package io.clawops.contracts.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended, as the runner saw it. */
public enum RunOutcome {
  COMPLETED,
  FAILED,
  TIMED_OUT,
  CANCELLED,
  STALLED;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
