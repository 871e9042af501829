package io.clawops.status.replay;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import java.time.Instant;
import java.util.UUID;

/** One thing that reaches status-service in a replayed history: a consumed record or an action. */
sealed interface ReplayInput {

  /** When it reached the service: the record's Kafka timestamp, or when the action was sent. */
  Instant at();

  /**
   * A record of a topic as the fold receives it: its raw value, and the envelope the codec made of
   * it, null when the codec refused the value ({@code error} says why; the live fold dead-letters
   * such a record).
   */
  record Delivered(
      String topic,
      int partition,
      long offset,
      Instant at,
      String key,
      String value,
      Envelope envelope,
      String error)
      implements ReplayInput {

    /** The record as recorded, its value read by the codec. */
    static Delivered decode(
        String topic, int partition, long offset, Instant at, String key, String value) {
      try {
        return new Delivered(
            topic, partition, offset, at, key, value, EnvelopeCodec.decode(key, value), null);
      } catch (MessageFormatException e) {
        return new Delivered(topic, partition, offset, at, key, value, null, e.getMessage());
      }
    }

    /** The same record with another value (decoded again). */
    Delivered withValue(String other) {
      return decode(topic, partition, offset, at, key, other);
    }

    /** Where the record sits in its topic: {@code topic-partition@offset}. */
    String position() {
      return topic + "-" + partition + "@" + offset;
    }
  }

  /** An operator action through the REST API, and what the live service answered. */
  record Action(String action, UUID clawId, Instant at, int httpStatus) implements ReplayInput {}
}
