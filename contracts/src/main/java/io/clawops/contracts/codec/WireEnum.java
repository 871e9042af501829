package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an enum from its lowercase wire name only ({@code timed_out}, never {@code TIMED_OUT} or an
 * ordinal), failing with the list of allowed names.
 */
final class WireEnum extends StdDeserializer<Object> {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, Object> byWireName = new HashMap<>();
  private final String problem;

  WireEnum(Class<?> type) {
    super(type);
    List<String> allowed =
        Arrays.stream(type.getEnumConstants()).map(c -> wire((Enum<?>) c)).toList();
    for (Object constant : type.getEnumConstants()) {
      byWireName.put(wire((Enum<?>) constant), constant);
    }
    problem = "must be one of " + allowed;
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Object constant =
        p.currentToken() == JsonToken.VALUE_STRING ? byWireName.get(p.getText()) : null;
    if (constant == null) {
      throw new FieldProblem(p, problem);
    }
    return constant;
  }

  @Override
  public boolean isCachable() {
    return true;
  }

  /** The wire name, as the enums' {@code @JsonValue} writes it. */
  static String wire(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
