package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;

/**
 * {@code bootstrap.completed}: the checklist ended; when not ok, {@code reason} and {@code message}
 * (sanitized on construction) say why.
 */
public record BootstrapCompleted(boolean ok, String reason, String message) implements MessageData {

  public static final String TYPE = "bootstrap.completed";

  public BootstrapCompleted {
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
