package io.clawops.status.claw;

import java.time.Instant;

/**
 * A recovery in flight (DESIGN §6.2 {@code recovering}): a fallback attempt, a re-dispatch, an
 * operator retry or a corrective message. While it lasts the claw shows {@code recovering}.
 */
public record Recovery(String kind, String detail, Instant since, int attempt) {

  public static final String FALLBACK = "fallback";
  public static final String REDISPATCH = "redispatch";
  public static final String RETRY = "retry";
  public static final String REBOOTSTRAP = "rebootstrap";
  public static final String CORRECTIVE_MESSAGE = "corrective_message";

  /** True for a recovery that waits for a new attempt to start. */
  public boolean awaitsNewAttempt() {
    return FALLBACK.equals(kind) || REDISPATCH.equals(kind) || RETRY.equals(kind);
  }
}
