package io.clawops.provisioner.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.support.rest.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reads of the fields of one JSON object that collect every problem instead of stopping at
 * the first: no coercion ({@code "3"} is not a number), JSON null counts as absent, unknown fields
 * are errors. Messages never quote the value, which may hold a secret or prompt text.
 */
final class FieldReader {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final int NAME_MAX = 200;

  private final JsonNode object;
  private final String path;
  private final List<FieldError> errors;

  private FieldReader(JsonNode object, String path, List<FieldError> errors) {
    this.object = object;
    this.path = path;
    this.errors = errors;
  }

  /** A reader over {@code node}, or null (with an error recorded) when it is not an object. */
  static FieldReader of(JsonNode node, String path, List<FieldError> errors) {
    if (node == null || !node.isObject()) {
      errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be a JSON object"));
      return null;
    }
    return new FieldReader(node, path, errors);
  }

  /** Records an error for every field not in {@code known}. */
  void rejectUnknown(Set<String> known, String message) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        error(name, message);
      }
    }
  }

  /** The field's raw node, or null when absent or JSON null. */
  JsonNode node(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** A required non-blank string of at most {@code max} characters, or null after an error. */
  String requiredText(String name, int max) {
    JsonNode value = node(name);
    if (value == null) {
      error(name, "is required");
      return null;
    }
    return text(name, value, max);
  }

  /**
   * A name of letters, digits, '.', '_' and '-' (a runtime, profile or credential), or null. A
   * runtime names a profile configured on the runners, so it can never smuggle in a command line. A
   * name shaped like a credential (a token pasted where its reference belongs) is refused: names
   * are published, stored and shown as they are.
   */
  String name(String field, boolean required) {
    String value = required ? requiredText(field, NAME_MAX) : optionalText(field, NAME_MAX);
    if (value != null && !NAME.matcher(value).matches()) {
      error(field, "must be a name of letters, digits, '.', '_' or '-' (at most 128)");
      return null;
    }
    if (value != null && !Sanitizer.sanitize(value).equals(value)) {
      error(field, "looks like a credential; name it by a reference instead");
      return null;
    }
    return value;
  }

  /** An optional string of at most {@code max} characters; null when absent or invalid. */
  String optionalText(String name, int max) {
    JsonNode value = node(name);
    return value == null ? null : text(name, value, max);
  }

  /** A boolean, or {@code fallback} when absent (or invalid, with an error). */
  boolean bool(String name, boolean fallback) {
    JsonNode value = node(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      error(name, "must be true or false");
      return fallback;
    }
    return value.booleanValue();
  }

  /**
   * An integer in {@code [1, max]}, or {@code fallback} when absent (or invalid, with an error).
   */
  int positiveInt(String name, int fallback, int max) {
    JsonNode value = node(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      error(name, "must be an integer");
      return fallback;
    }
    if (value.intValue() < 1) {
      error(name, "must be a positive integer");
      return fallback;
    }
    if (value.intValue() > max) {
      error(name, "must be at most " + max);
      return fallback;
    }
    return value.intValue();
  }

  /** A required integer in {@code [1, max]}, or 0 after an error. */
  int requiredPositiveInt(String name, int max) {
    if (node(name) == null) {
      error(name, "is required");
      return 0;
    }
    int before = errors.size();
    int value = positiveInt(name, 0, max);
    return errors.size() == before ? value : 0;
  }

  /** The elements of an array field; empty (with an error) when it is not an array. */
  List<JsonNode> array(String name) {
    JsonNode value = node(name);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      error(name, "must be a JSON array");
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  /** The full path of a field of this object, e.g. {@code repositories[1].path}. */
  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Records an error for a field of this object. */
  void error(String name, String message) {
    errors.add(new FieldError(pathOf(name), message));
  }

  private String text(String name, JsonNode value, int max) {
    if (!value.isTextual()) {
      error(name, "must be a string");
      return null;
    }
    String text = value.textValue();
    if (text.isBlank()) {
      error(name, "must not be blank");
      return null;
    }
    if (text.length() > max) {
      error(name, "must be at most " + max + " characters");
      return null;
    }
    return text;
  }
}
