package io.clawops.status.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.support.rest.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional body of a retry: the model profile and the run budget ({@code runSeconds}) of the
 * next attempt, both optional.
 */
public record RetryRequest(String profile, Integer runSeconds) {

  /** The largest {@code runSeconds}: the same bound the create request sets (7 days). */
  public static final int RUN_SECONDS_MAX = 7 * 24 * 3600;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A parsed body, or the errors naming each invalid field. */
  public record Parsed(RetryRequest request, List<FieldError> errors) {}

  /** Empty or blank text is an empty request; unknown fields are ignored. */
  static Parsed parse(String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(new RetryRequest(null, null), List.of());
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return invalid("body", "must be a JSON object");
    }
    if (node == null || !node.isObject()) {
      return invalid("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    String profile = profile(node.get("profile"), errors);
    Integer runSeconds = runSeconds(node.get("runSeconds"), errors);
    return new Parsed(errors.isEmpty() ? new RetryRequest(profile, runSeconds) : null, errors);
  }

  private static String profile(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError("profile", "must be the name of a model profile"));
      return null;
    }
    return value.asText();
  }

  private static Integer runSeconds(JsonNode value, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      errors.add(new FieldError("runSeconds", "must be an integer"));
    } else if (value.intValue() < 1) {
      errors.add(new FieldError("runSeconds", "must be a positive integer"));
    } else if (value.intValue() > RUN_SECONDS_MAX) {
      errors.add(new FieldError("runSeconds", "must be at most " + RUN_SECONDS_MAX));
    } else {
      return value.intValue();
    }
    return null;
  }

  private static Parsed invalid(String field, String message) {
    return new Parsed(null, List.of(new FieldError(field, message)));
  }
}
