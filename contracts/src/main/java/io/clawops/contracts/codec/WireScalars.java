package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * Strict reads of the scalar types the contract uses: no coercion (a number in quotes is not a
 * number, {@code 1.0} is not an integer, {@code 1} is not {@code true}), and a wrong value is a
 * {@link FieldProblem} whose text never echoes the value, because a bad value may be a secret.
 *
 * <p>JSON null and an absent field are the same thing: null for reference types (the record's
 * constructor decides whether that is "missing"), "missing" for primitives.
 */
final class WireScalars {

  static final String ISO_TIMESTAMP =
      "must be an ISO-8601 timestamp with offset, e.g. 2026-11-21T10:00:00.123Z";

  private WireScalars() {}

  /** One deserializer per scalar type, primitives and wrappers apart. */
  static Map<Class<?>, JsonDeserializer<?>> deserializers() {
    return Map.of(
        String.class, new Scalar<>(String.class, WireScalars::string, false),
        UUID.class, new Scalar<>(UUID.class, WireScalars::uuid, false),
        Instant.class, new Scalar<>(Instant.class, WireScalars::instant, false),
        int.class, new Scalar<>(Integer.class, WireScalars::integer, true),
        Integer.class, new Scalar<>(Integer.class, WireScalars::integer, false),
        long.class, new Scalar<>(Long.class, WireScalars::longInteger, true),
        Long.class, new Scalar<>(Long.class, WireScalars::longInteger, false),
        boolean.class, new Scalar<>(Boolean.class, WireScalars::bool, true),
        Boolean.class, new Scalar<>(Boolean.class, WireScalars::bool, false));
  }

  static String string(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new FieldProblem(p, "must be a string");
    }
    return p.getText();
  }

  static UUID uuid(JsonParser p) throws IOException {
    // UUID.fromString accepts short forms such as "1-1-1-1-1"; the contract means the canonical
    // 36-character form.
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (text.length() == 36) {
        try {
          return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
          // reported below
        }
      }
    }
    throw new FieldProblem(p, "must be a UUID");
  }

  static Instant instant(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getText();
      Instant utc = utcInstant(text);
      if (utc != null) {
        return utc;
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new FieldProblem(p, ISO_TIMESTAMP);
  }

  /**
   * The shape the codec writes, {@code 2026-11-21T10:00:00Z} with none or 1 to 9 digits of a second
   * ({@code 2026-11-21T10:00:00.123456Z}), read by hand: java.time's general parser costs more than
   * the rest of a heartbeat together. Null for anything else, which {@link OffsetDateTime#parse}
   * then accepts or refuses as before.
   */
  static Instant utcInstant(String text) {
    int length = text.length();
    int fraction = length - 21; // digits between '.' and 'Z'
    if ((length != 20 && (fraction < 1 || fraction > 9))
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nanos = 0;
    if (length > 20) {
      nanos = digits(text, 20, fraction);
      for (int i = fraction; i < 9 && nanos >= 0; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // e.g. February 30th: the general parser refuses it with the usual words
    }
  }

  /** The ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static Integer integer(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == NumberType.INT) {
      return p.getIntValue();
    }
    throw new FieldProblem(p, "must be an integer");
  }

  static Long longInteger(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    throw new FieldProblem(p, "must be an integer");
  }

  static Boolean bool(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    throw new FieldProblem(p, "must be true or false");
  }

  /** Reads one scalar from the parser's current token. */
  @FunctionalInterface
  interface Read<T> {
    T read(JsonParser p) throws IOException;
  }

  /** A scalar deserializer; for a primitive, null and absent are "missing" instead of null. */
  private static final class Scalar<T> extends StdDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final transient Read<T> read;
    private final boolean primitive;

    Scalar(Class<T> type, Read<T> read, boolean primitive) {
      super(type);
      this.read = read;
      this.primitive = primitive;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return read.read(p);
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) throws FieldProblem {
      if (primitive) {
        throw new FieldProblem(ctxt.getParser(), "missing");
      }
      return null;
    }

    @Override
    public boolean isCachable() {
      return true;
    }
  }
}
