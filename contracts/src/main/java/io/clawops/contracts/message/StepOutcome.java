package io.clawops.contracts.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of one bootstrap checklist step. */
public enum StepOutcome {
  OK,
  FAILED,
  SKIPPED;

  /** The lowercase name used on the wire. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
