package io.clawops.status.claw;

/**
 * The answer to an operator action: accepted, or refused with the reason the 409 body carries
 * (DESIGN §10; for a retry, one per status: {@link RetryRefusals}).
 */
public record ActionResult(boolean accepted, String refusal) {

  static ActionResult ok() {
    return new ActionResult(true, null);
  }

  static ActionResult refused(String reason) {
    return new ActionResult(false, reason);
  }
}
