package io.clawops.status.claw;

/**
 * The answer to an operator action: accepted, or refused with a reason (DESIGN §10: 409 while
 * recovering, when the pinned cause is not retryable, or when the claw is running).
 */
public record ActionResult(boolean accepted, String refusal) {

  static ActionResult ok() {
    return new ActionResult(true, null);
  }

  static ActionResult refused(String reason) {
    return new ActionResult(false, reason);
  }
}
