package io.clawops.runner.run;

/**
 * The first stop asked for a run; later ones do not replace it, which keeps a hard timeout sticky
 * (F4).
 *
 * @param detail what the operator should read: the idle description or the cancel reason
 * @param deadlinePassed the hard deadline had passed when the stop was asked for
 * @param afterResult the agent had already printed its result line
 */
public record StopRequest(
    StopCause cause, String detail, boolean deadlinePassed, boolean afterResult, String code) {

  /** A stop whose outcome follows from its cause alone. */
  public StopRequest(StopCause cause, String detail, boolean deadlinePassed, boolean afterResult) {
    this(cause, detail, deadlinePassed, afterResult, null);
  }
}
