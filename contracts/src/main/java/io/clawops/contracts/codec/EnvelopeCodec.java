package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.UnknownData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Turns an {@link Envelope} into the JSON of DESIGN §3 and back; static, stateless and thread-safe
 * (one shared, pre-configured mapper, reader and writer).
 *
 * <p>Decoding is strict but tolerant, and Jackson does it: the envelope is read in one pass and
 * {@code data} is bound to its message record through the record's validating constructor.
 * Unparseable JSON (a field given twice in one object included), a missing or invalid envelope
 * field ({@code eventId}, {@code type}, {@code clawId}, {@code occurredAt}, {@code schema}) or a
 * known type whose {@code data} breaks the contract throws {@link MessageFormatException} naming
 * the field path, e.g. {@code data.outcome: must be one of [ok, failed, skipped]} or {@code
 * data.fallbackProfiles[0].model: missing}. Values are never coerced (a number in quotes is not a
 * number) and JSON null is the same as an absent field. Unknown fields are ignored everywhere. An
 * unknown type or a schema above {@link Envelope#CURRENT_SCHEMA} decodes to {@link UnknownData}
 * holding the raw {@code data}. {@code source} is optional (null when absent) because nothing
 * decides on it.
 *
 * <p>Encoding writes every field, nulls included, timestamps as ISO-8601 strings and enums in
 * lowercase.
 */
public final class EnvelopeCodec {

  private static final ObjectMapper MAPPER = baseMapper().build();

  /** The mapper of the wire: the base configuration plus the strict reads of {@link WireModule}. */
  private static final ObjectMapper WIRE =
      baseMapper()
          // Last-wins or first-wins for a repeated field would be a guess about the producer.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .addModule(new WireModule())
          .build();

  private static final ObjectReader READER = WIRE.readerFor(EnvelopeReader.Result.class);
  private static final ObjectWriter WRITER = WIRE.writerFor(Envelope.class);

  private EnvelopeCodec() {}

  private static JsonMapper.Builder baseMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        // Written as JavaTimeModule would, ISO-8601 in UTC, only faster; read by JavaTimeModule.
        .addModule(UtcTimestamps.module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A copy of the codec's base configuration (ISO-8601 timestamps, lowercase enums, unknown
   * properties ignored), for services that write contract types elsewhere, e.g. in REST bodies. A
   * copy, so that customising it cannot change how records go on the wire; it reads with Jackson's
   * usual leniency, not with the wire's strict checks, because services also read their own stored
   * documents with it.
   */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** The message types this build decodes into their records. */
  public static Set<String> knownTypes() {
    return MessageTypes.BY_TYPE.keySet();
  }

  public static String encode(Envelope envelope) {
    try {
      return WRITER.writeValueAsString(envelope);
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
    return read(() -> WIRE.createParser(json));
  }

  /**
   * Decodes a record's value and checks that its key is the envelope's clawId (DESIGN §3): a record
   * under another key, or none, lands on another claw's partition, out of order with the claw's own
   * records, so it is as malformed as a missing field.
   */
  public static Envelope decode(String key, String json) {
    return checkKey(key, decode(json));
  }

  /**
   * {@code envelope} when {@code key} is its clawId, the check {@link #decode(String, String)}
   * makes for an envelope decoded on its own.
   *
   * @throws MessageFormatException when the key is missing or another claw's
   */
  public static Envelope checkKey(String key, Envelope envelope) {
    if (key == null) {
      throw new MessageFormatException("key", "missing: the record key must be the clawId");
    }
    if (!key.equals(envelope.key())) {
      throw new MessageFormatException(
          "key", "differs from clawId: the record key must be the clawId");
    }
    return envelope;
  }

  /**
   * Decodes a value's bytes exactly as {@link #decode(String)} decodes their UTF-8 text. Bytes that
   * are all ASCII but NUL (most envelopes: non-ASCII text is rare in them) are parsed as they are,
   * without making a string first. Any other value is turned into text first, so an invalid
   * sequence reads as U+FFFD the way it does in text, a position in an error counts characters, and
   * a NUL byte is never taken for UTF-16 or UTF-32.
   */
  public static Envelope decode(byte[] json) {
    if (json == null) {
      throw new MessageFormatException("envelope", "missing");
    }
    if (!ascii(json)) {
      return decode(new String(json, StandardCharsets.UTF_8));
    }
    return read(() -> WIRE.createParser(json));
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b <= 0) {
        return false;
      }
    }
    return true;
  }

  private static Envelope read(Source source) {
    EnvelopeReader.Result result;
    try (JsonParser parser = source.open()) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MessageFormatException("envelope", "empty input");
      }
      result = READER.readValue(parser);
    } catch (JsonProcessingException e) {
      // Only the position: Jackson's own message quotes the input, which may hold a secret.
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new MessageFormatException("envelope", "not valid JSON" + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (result.problem() != null) {
      throw result.problem();
    }
    return result.envelope();
  }

  /** Opens a parser over the input; Jackson's factory methods throw checked exceptions. */
  @FunctionalInterface
  private interface Source {
    JsonParser open() throws IOException;
  }
}
