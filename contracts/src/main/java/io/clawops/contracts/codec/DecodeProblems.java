package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.clawops.contracts.message.MessageFormatException;
import java.io.IOException;
import java.util.Collection;

/**
 * Turns what Jackson raised while binding a record into the contract's {@link
 * MessageFormatException}: the path comes from Jackson's reference chain, the problem from the
 * strict deserializers or from the record's constructor, never from Jackson's own message (which
 * quotes the input, and the input may hold a secret).
 */
final class DecodeProblems {

  private DecodeProblems() {}

  /**
   * The field problem behind {@code e}, with its path under {@code root} (e.g. {@code data}); a
   * parse error wrapped on the way up is rethrown as is, because broken JSON is not a field
   * problem.
   */
  static MessageFormatException of(JsonMappingException e, String root) throws IOException {
    StringBuilder path = new StringBuilder(root);
    appendPath(e, path);
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof MessageFormatException problem) {
        // Thrown by a record's constructor: its path is relative to that record.
        return problem.within(path.toString());
      }
      if (cause instanceof JacksonException jackson && !(cause instanceof DatabindException)) {
        throw jackson;
      }
    }
    return new MessageFormatException(path.toString(), problemOf(e));
  }

  private static String problemOf(JsonMappingException e) {
    if (e instanceof FieldProblem problem) {
      return problem.problem();
    }
    if (e instanceof InvalidNullException) {
      return "missing";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return Collection.class.isAssignableFrom(mismatch.getTargetType())
          ? "must be a JSON array"
          : "must be a JSON object";
    }
    return "is not valid";
  }

  /** Appends e.g. {@code .modelProfile.name} or {@code .fallbackProfiles[0].model}. */
  private static void appendPath(JsonMappingException e, StringBuilder path) {
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
  }
}
