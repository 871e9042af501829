package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;

/**
 * {@code status.changed}: the displayed status of a claw changed. {@code previousStatus} is null
 * for the first status, {@code reason} is a reason code or null, {@code connection} may be null
 * before any runner was seen; the message is sanitized and capped on construction.
 */
public record StatusChanged(
    ClawStatus status,
    ClawStatus previousStatus,
    String reason,
    String message,
    boolean retryable,
    ConnectionState connection)
    implements MessageData {

  public static final String TYPE = "status.changed";

  public StatusChanged {
    Require.present(status, "status");
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
