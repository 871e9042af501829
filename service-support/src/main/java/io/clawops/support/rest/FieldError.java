package io.clawops.support.rest;

import io.clawops.contracts.sanitize.Sanitizer;

/**
 * One invalid field of a request: its path (a JSON path, a header or a parameter name) and what is
 * wrong with it, both sanitized on construction because a field name or message may echo what the
 * client sent.
 */
public record FieldError(String field, String message) {

  private static final int FIELD_MAX = 120;

  public FieldError {
    field = Sanitizer.sanitize(field, FIELD_MAX);
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
  }
}
