package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.UnknownData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns an {@link Envelope} into the JSON of DESIGN §3 and back; static, stateless and thread-safe
 * (one shared, pre-configured mapper).
 *
 * <p>Decoding is strict but tolerant. Unparseable JSON, a missing or invalid envelope field ({@code
 * eventId}, {@code type}, {@code clawId}, {@code occurredAt}, {@code schema}) or a known type whose
 * {@code data} breaks the contract throws {@link MessageFormatException} naming the field path,
 * e.g. {@code data.outcome: must be one of [ok, failed, skipped]}. Unknown fields are ignored
 * everywhere. An unknown type or a schema above {@link Envelope#CURRENT_SCHEMA} decodes to {@link
 * UnknownData} holding the raw {@code data}. {@code source} is optional (null when absent) because
 * nothing decides on it.
 *
 * <p>Encoding writes every field, nulls included, timestamps as ISO-8601 strings and enums in
 * lowercase.
 */
public final class EnvelopeCodec {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private EnvelopeCodec() {}

  /**
   * A copy of the mapper the codec uses (ISO-8601 timestamps, lowercase enums, unknown properties
   * ignored), for services that write contract types elsewhere, e.g. in REST bodies. A copy, so
   * that customising it cannot change how records go on the wire.
   */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** The message types this build decodes into their records. */
  public static Set<String> knownTypes() {
    return DataDecoders.BY_TYPE.keySet();
  }

  public static String encode(Envelope envelope) {
    try {
      return MAPPER.writeValueAsString(toTree(envelope));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] encodeBytes(Envelope envelope) {
    return encode(envelope).getBytes(StandardCharsets.UTF_8);
  }

  public static Envelope decode(String json) {
    if (json == null) {
      throw new MessageFormatException("envelope", "missing");
    }
    return decodeTree(parse(mapper -> mapper.readTree(json)));
  }

  /**
   * Decodes a record's value and checks that its key is the envelope's clawId (DESIGN §3): a record
   * under another key, or none, lands on another claw's partition, out of order with the claw's own
   * records, so it is as malformed as a missing field.
   */
  public static Envelope decode(String key, String json) {
    Envelope envelope = decode(json);
    if (key == null) {
      throw new MessageFormatException("key", "missing: the record key must be the clawId");
    }
    if (!key.equals(envelope.key())) {
      throw new MessageFormatException(
          "key", "differs from clawId: the record key must be the clawId");
    }
    return envelope;
  }

  public static Envelope decode(byte[] json) {
    if (json == null) {
      throw new MessageFormatException("envelope", "missing");
    }
    return decodeTree(parse(mapper -> mapper.readTree(json)));
  }

  private static ObjectNode toTree(Envelope envelope) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("eventId", envelope.eventId().toString());
    root.put("type", envelope.type());
    root.put("clawId", envelope.clawId().toString());
    root.set("occurredAt", MAPPER.valueToTree(envelope.occurredAt()));
    root.put("source", envelope.source());
    root.put("schema", envelope.schema());
    MessageData data = envelope.data();
    root.set(
        "data", data instanceof UnknownData unknown ? unknown.raw() : MAPPER.valueToTree(data));
    return root;
  }

  private static Envelope decodeTree(JsonNode root) {
    Fields envelope = Fields.of(root, "envelope", MAPPER);
    UUID eventId = envelope.uuid("eventId");
    String type = envelope.string("type");
    if (type.isBlank()) {
      throw new MessageFormatException("type", "must not be blank");
    }
    UUID clawId = envelope.uuid("clawId");
    Instant occurredAt = envelope.instant("occurredAt");
    String source = envelope.optionalString("source");
    int schema = envelope.integer("schema");
    if (schema < 1) {
      throw new MessageFormatException("schema", "must be a positive integer");
    }
    MessageData data = decodeData(type, schema, root.get("data"));
    return new Envelope(eventId, type, clawId, occurredAt, source, schema, data);
  }

  private static MessageData decodeData(String type, int schema, JsonNode data) {
    Function<Fields, MessageData> decoder = DataDecoders.BY_TYPE.get(type);
    if (decoder == null || schema > Envelope.CURRENT_SCHEMA) {
      return new UnknownData(type, data);
    }
    Fields fields = Fields.of(data, "data", MAPPER);
    try {
      return decoder.apply(fields);
    } catch (MessageFormatException e) {
      throw e.within("data");
    }
  }

  private static JsonNode parse(Reader reader) {
    try {
      JsonNode root = reader.read(MAPPER);
      if (root == null || root.isMissingNode()) {
        throw new MessageFormatException("envelope", "empty input");
      }
      return root;
    } catch (JsonProcessingException e) {
      // Only the position: Jackson's own message quotes the input, which may hold a secret.
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MessageFormatException("envelope", "not valid JSON" + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parse step that may fail with Jackson's checked exceptions. */
  @FunctionalInterface
  private interface Reader {
    JsonNode read(ObjectMapper mapper) throws IOException;
  }
}
