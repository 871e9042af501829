package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.UnknownData;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one envelope in a single pass: the envelope fields by the strict scalar reads, {@code data}
 * straight into its record when {@code type} and {@code schema} came before it (as the codec writes
 * them), else as a tree bound once the type is known.
 *
 * <p>A problem does not stop the pass: the reader goes on to the end of the object, so that broken
 * JSON further on is still reported as such, and then reports the first problem in the order {@code
 * eventId, type, clawId, occurredAt, source, schema, data}.
 */
final class EnvelopeReader extends StdDeserializer<EnvelopeReader.Result>
    implements ResolvableDeserializer {

  private static final long serialVersionUID = 1L;

  /**
   * Each known type's record deserializer, looked up once in {@link #resolve}: a lookup per record
   * costs a third of the decode. Until then (never, in practice) data goes the slower tree way.
   */
  private transient volatile Map<String, JsonDeserializer<Object>> records = Map.of();

  EnvelopeReader() {
    super(Result.class);
  }

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    Map<String, JsonDeserializer<Object>> found = new HashMap<>();
    for (Map.Entry<String, Class<? extends MessageData>> known : MessageTypes.BY_TYPE.entrySet()) {
      found.put(
          known.getKey(), ctxt.findRootValueDeserializer(ctxt.constructType(known.getValue())));
    }
    records = Map.copyOf(found);
  }

  /** The decoded envelope, or why the record breaks the contract. */
  record Result(Envelope envelope, MessageFormatException problem) {

    static Result failed(MessageFormatException problem) {
      return new Result(null, problem);
    }
  }

  @Override
  public Result getNullValue(DeserializationContext ctxt) {
    return Result.failed(new MessageFormatException("envelope", "missing"));
  }

  @Override
  public Result deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Result.failed(new MessageFormatException("envelope", "must be a JSON object"));
    }
    Head head = new Head();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      p.nextToken();
      switch (name) {
        case "eventId" -> head.eventId.read(p, WireScalars::uuid);
        case "type" -> head.type.read(p, WireScalars::string);
        case "clawId" -> head.clawId.read(p, WireScalars::uuid);
        case "occurredAt" -> head.occurredAt.read(p, WireScalars::instant);
        case "source" -> head.source.read(p, WireScalars::string);
        case "schema" -> head.schema.read(p, WireScalars::integer);
        case "data" -> head.readData(p, ctxt, records);
        default -> p.skipChildren(); // unknown fields are tolerated (DESIGN §3)
      }
    }
    try {
      return new Result(head.envelope(ctxt), null);
    } catch (MessageFormatException e) {
      return Result.failed(e);
    }
  }

  @Override
  public boolean isCachable() {
    return true;
  }

  /** The envelope fields read so far. */
  private static final class Head {

    final Slot<UUID> eventId = new Slot<>();
    final Slot<String> type = new Slot<>();
    final Slot<UUID> clawId = new Slot<>();
    final Slot<Instant> occurredAt = new Slot<>();
    final Slot<String> source = new Slot<>();
    final Slot<Integer> schema = new Slot<>();
    MessageData data;
    JsonNode rawData;
    MessageFormatException dataProblem;

    void readData(
        JsonParser p, DeserializationContext ctxt, Map<String, JsonDeserializer<Object>> records)
        throws IOException {
      data = null;
      rawData = null;
      dataProblem = null;
      JsonDeserializer<Object> record = recordForTypeSoFar(records);
      if (record == null || p.currentToken() != JsonToken.START_OBJECT) {
        rawData = ctxt.readTree(p);
        return;
      }
      JsonStreamContext envelope = p.getParsingContext().getParent();
      try {
        data = (MessageData) record.deserialize(p, ctxt);
      } catch (JsonMappingException e) {
        dataProblem = DecodeProblems.of(e, "data");
        skipTo(p, envelope);
      }
    }

    /** The deserializer to bind {@code data} with, if type and schema are known and valid. */
    private JsonDeserializer<Object> recordForTypeSoFar(
        Map<String, JsonDeserializer<Object>> records) {
      if (type.value == null || schema.value == null || schema.value > Envelope.CURRENT_SCHEMA) {
        return null;
      }
      return schema.value < 1 ? null : records.get(type.value);
    }

    Envelope envelope(DeserializationContext ctxt) throws IOException {
      UUID id = eventId.required("eventId");
      String dataType = type.required("type");
      if (dataType.isBlank()) {
        throw new MessageFormatException("type", "must not be blank");
      }
      UUID claw = clawId.required("clawId");
      Instant at = occurredAt.required("occurredAt");
      String producer = source.optional("source");
      int version = schema.required("schema");
      if (version < 1) {
        throw new MessageFormatException("schema", "must be a positive integer");
      }
      return new Envelope(id, dataType, claw, at, producer, version, data(dataType, version, ctxt));
    }

    private MessageData data(String dataType, int version, DeserializationContext ctxt)
        throws IOException {
      if (dataProblem != null) {
        throw dataProblem;
      }
      if (data != null) {
        return data;
      }
      Class<? extends MessageData> record = MessageTypes.BY_TYPE.get(dataType);
      if (record == null || version > Envelope.CURRENT_SCHEMA) {
        return new UnknownData(dataType, rawData);
      }
      if (rawData == null || rawData.isNull()) {
        throw new MessageFormatException("data", "missing");
      }
      if (!rawData.isObject()) {
        throw new MessageFormatException("data", "must be a JSON object");
      }
      try {
        return ctxt.readTreeAsValue(rawData, record);
      } catch (JsonMappingException e) {
        throw DecodeProblems.of(e, "data");
      }
    }

    /** After a failed bind, moves past the rest of {@code data} to the envelope's next field. */
    private static void skipTo(JsonParser p, JsonStreamContext envelope) throws IOException {
      while (p.getParsingContext() != envelope) {
        if (p.nextToken() == null) {
          return;
        }
      }
    }
  }

  /** One envelope field: its value, or what was wrong with it; both null when absent or null. */
  private static final class Slot<T> {

    T value;
    String problem;

    void read(JsonParser p, WireScalars.Read<T> read) throws IOException {
      value = null;
      problem = null;
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return;
      }
      try {
        value = read.read(p);
      } catch (FieldProblem e) {
        problem = e.problem();
        p.skipChildren();
      }
    }

    T optional(String name) {
      if (problem != null) {
        throw new MessageFormatException(name, problem);
      }
      return value;
    }

    T required(String name) {
      T present = optional(name);
      if (present == null) {
        throw new MessageFormatException(name, "missing");
      }
      return present;
    }
  }
}
