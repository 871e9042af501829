package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value of the wrong shape for its field (a quoted number, a string where an object
 * belongs), raised by the codec's strict deserializers; Jackson prepends the field path as the
 * exception travels up, and {@link DecodeProblems} turns it into a {@code MessageFormatException}.
 *
 * <p>A {@link JsonMappingException} on purpose: Jackson adds the path of a missing creator property
 * only to its own exceptions.
 */
final class FieldProblem extends JsonMappingException {

  private static final long serialVersionUID = 1L;

  FieldProblem(JsonParser parser, String problem) {
    super(parser, problem);
  }

  /** What is wrong, without path or location, e.g. {@code must be an integer}. */
  String problem() {
    return getOriginalMessage();
  }

  // Consumers dead-letter hostile records at full speed; the path is the whole diagnosis.
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
