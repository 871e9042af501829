package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.UnknownData;
import java.io.IOException;

/**
 * Writes an envelope in the field order of DESIGN §3, nulls included; {@code data} is its record as
 * Jackson writes it, or the raw JSON of an {@link UnknownData}, unchanged.
 */
final class EnvelopeWriter extends StdSerializer<Envelope> {

  private static final long serialVersionUID = 1L;

  EnvelopeWriter() {
    super(Envelope.class);
  }

  @Override
  public void serialize(Envelope envelope, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeStartObject();
    gen.writeStringField("eventId", envelope.eventId().toString());
    gen.writeStringField("type", envelope.type());
    gen.writeStringField("clawId", envelope.clawId().toString());
    provider.defaultSerializeField("occurredAt", envelope.occurredAt(), gen);
    gen.writeStringField("source", envelope.source());
    gen.writeNumberField("schema", envelope.schema());
    Object data = envelope.data() instanceof UnknownData unknown ? unknown.raw() : envelope.data();
    provider.defaultSerializeField("data", data, gen);
    gen.writeEndObject();
  }
}
