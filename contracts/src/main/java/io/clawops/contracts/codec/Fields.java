package io.clawops.contracts.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.message.MessageFormatException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Strict, typed reads of one JSON object's fields: no coercion (a number in quotes is not a
 * number), and every failure is a {@link MessageFormatException} whose path is relative to this
 * object, so callers prefix it as it travels up.
 *
 * <p>JSON null and an absent field are the same thing: "missing" when required, null when optional.
 */
final class Fields {

  private final JsonNode object;
  private final ObjectMapper mapper;

  private Fields(JsonNode object, ObjectMapper mapper) {
    this.object = object;
    this.mapper = mapper;
  }

  /** Reads {@code node} as an object, or fails with {@code path: must be a JSON object}. */
  static Fields of(JsonNode node, String path, ObjectMapper mapper) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new MessageFormatException(path, "missing");
    }
    if (!node.isObject()) {
      throw new MessageFormatException(path, "must be a JSON object");
    }
    return new Fields(node, mapper);
  }

  /** Runs a decoder over the object {@code name}, prefixing its failures with {@code name}. */
  <T> T object(String name, Function<Fields, T> decoder) {
    Fields nested = of(required(name), name, mapper);
    return within(name, () -> decoder.apply(nested));
  }

  /** An optional array of objects; absent or null is an empty list. */
  <T> List<T> objects(String name, Function<Fields, T> decoder) {
    JsonNode array = optional(name);
    if (array == null) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new MessageFormatException(name, "must be a JSON array");
    }
    List<T> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = name + "[" + i + "]";
      Fields item = of(array.get(i), path, mapper);
      items.add(within(path, () -> decoder.apply(item)));
    }
    return items;
  }

  String string(String name) {
    return text(name, required(name));
  }

  String optionalString(String name) {
    JsonNode value = optional(name);
    return value == null ? null : text(name, value);
  }

  UUID uuid(String name) {
    return toUuid(name, required(name));
  }

  UUID optionalUuid(String name) {
    JsonNode value = optional(name);
    return value == null ? null : toUuid(name, value);
  }

  int integer(String name) {
    JsonNode value = required(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new MessageFormatException(name, "must be an integer");
    }
    return value.intValue();
  }

  long longInteger(String name) {
    return toLong(name, required(name));
  }

  Long optionalLong(String name) {
    JsonNode value = optional(name);
    return value == null ? null : toLong(name, value);
  }

  boolean bool(String name) {
    JsonNode value = required(name);
    if (!value.isBoolean()) {
      throw new MessageFormatException(name, "must be true or false");
    }
    return value.booleanValue();
  }

  Instant instant(String name) {
    return toInstant(name, required(name));
  }

  Instant optionalInstant(String name) {
    JsonNode value = optional(name);
    return value == null ? null : toInstant(name, value);
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    return toEnum(name, required(name), type);
  }

  <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
    JsonNode value = optional(name);
    return value == null ? null : toEnum(name, value, type);
  }

  /** Any JSON value, kept as is; null when absent. */
  JsonNode json(String name) {
    return optional(name);
  }

  /** An optional JSON object as a map of plain Java values; null when absent. */
  @SuppressWarnings("unchecked")
  Map<String, Object> map(String name) {
    JsonNode value = optional(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw new MessageFormatException(name, "must be a JSON object");
    }
    return mapper.convertValue(value, Map.class);
  }

  private JsonNode optional(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private JsonNode required(String name) {
    JsonNode value = optional(name);
    if (value == null) {
      throw new MessageFormatException(name, "missing");
    }
    return value;
  }

  private static <T> T within(String path, Supplier<T> read) {
    try {
      return read.get();
    } catch (MessageFormatException e) {
      throw e.within(path);
    }
  }

  private static String text(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new MessageFormatException(name, "must be a string");
    }
    return value.textValue();
  }

  private static UUID toUuid(String name, JsonNode value) {
    String text = value.isTextual() ? value.textValue() : "";
    // UUID.fromString accepts short forms such as "1-1-1-1-1"; the contract means the canonical
    // 36-character form.
    if (text.length() == 36) {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw new MessageFormatException(name, "must be a UUID");
  }

  private static long toLong(String name, JsonNode value) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new MessageFormatException(name, "must be an integer");
    }
    return value.longValue();
  }

  private static Instant toInstant(String name, JsonNode value) {
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new MessageFormatException(
        name, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-21T10:00:00.123Z");
  }

  private static <E extends Enum<E>> E toEnum(String name, JsonNode value, Class<E> type) {
    E[] constants = type.getEnumConstants();
    if (value.isTextual()) {
      for (E constant : constants) {
        if (wire(constant).equals(value.textValue())) {
          return constant;
        }
      }
    }
    List<String> allowed = Arrays.stream(constants).map(Fields::wire).toList();
    throw new MessageFormatException(name, "must be one of " + allowed);
  }

  private static String wire(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
