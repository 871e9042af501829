package io.clawops.contracts.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The one JSON object every record on every topic carries (DESIGN §3): identity, claw, time,
 * producer and schema around the type-specific {@link MessageData}.
 *
 * <p>{@code eventId} is the idempotency key; {@code clawId} is also the Kafka record key; {@code
 * source} (the producing {@code service/instance}) is informational and may be null.
 */
public record Envelope(
    UUID eventId,
    String type,
    UUID clawId,
    Instant occurredAt,
    String source,
    int schema,
    MessageData data) {

  /** The schema this build writes; a record with a higher schema decodes to {@link UnknownData}. */
  public static final int CURRENT_SCHEMA = 1;

  public Envelope {
    Require.present(eventId, "eventId");
    Require.present(clawId, "clawId");
    Require.present(occurredAt, "occurredAt");
    Require.present(data, "data");
    Require.positive(schema, "schema");
    if (type == null) {
      type = data.type();
    } else if (!type.equals(data.type())) {
      // A mismatch would make consumers dispatch on one type and read another.
      throw new MessageFormatException("type", "does not match the data type " + data.type());
    }
  }

  /**
   * A new envelope for {@code data}: random event id, current time (millisecond precision, as on
   * the wire) and the current schema.
   */
  public static Envelope of(UUID clawId, String source, MessageData data) {
    return new Envelope(
        UUID.randomUUID(),
        Require.present(data, "data").type(),
        clawId,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        source,
        CURRENT_SCHEMA,
        data);
  }

  /** The Kafka record key: every topic is keyed by claw so one claw's records stay ordered. */
  public String key() {
    return clawId.toString();
  }
}
