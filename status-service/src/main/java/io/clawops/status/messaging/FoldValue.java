package io.clawops.status.messaging;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunHeartbeat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A fold record's value as it arrived and as decoded: the envelope, or why it is malformed. The
 * fold's consumer decodes while it fetches ({@link Decoder}), so decoding one poll overlaps with
 * applying the one before (DESIGN §9).
 *
 * @param raw the value as text (null for a record without a value), kept for the dead-letter topic
 * @param envelope the decoded envelope, null when {@code malformed} is set
 * @param malformed why the value is not an envelope; null when it is one. Thrown where the record
 *     is applied, never in the consumer's fetch: no value can stop the fetch.
 */
public record FoldValue(String raw, Envelope envelope, MessageFormatException malformed) {

  /**
   * Decodes like {@link EnvelopeCodec#decode(String)}. A value the codec fails on in any other way
   * is malformed too: that one record is dead-lettered, not the poll it came in.
   */
  public static FoldValue decode(String raw) {
    try {
      return new FoldValue(raw, EnvelopeCodec.decode(raw), null);
    } catch (MessageFormatException e) {
      return new FoldValue(raw, null, e);
    } catch (RuntimeException e) {
      return new FoldValue(
          raw,
          null,
          new MessageFormatException(
              "envelope", "could not be decoded (" + e.getClass().getSimpleName() + ")"));
    }
  }

  /**
   * The envelope of {@code record}, checked against its key as {@link EnvelopeCodec#decode(String,
   * String)} does.
   *
   * @throws MessageFormatException when the value is malformed or the key is not its clawId
   */
  public static Envelope envelope(ConsumerRecord<String, FoldValue> record) {
    FoldValue value = record.value();
    if (value == null) {
      // A record without a value: decoded here, so it fails the way the codec says.
      value = decode(null);
    }
    if (value.malformed() != null) {
      throw value.malformed();
    }
    return EnvelopeCodec.checkKey(record.key(), value.envelope());
  }

  /** The record with its value as text, the way it goes to the dead-letter topic. */
  public static ConsumerRecord<String, String> asText(ConsumerRecord<String, FoldValue> record) {
    return new ConsumerRecord<>(
        record.topic(),
        record.partition(),
        record.offset(),
        record.timestamp(),
        record.timestampType(),
        record.serializedKeySize(),
        record.serializedValueSize(),
        record.key(),
        record.value() == null ? null : record.value().raw(),
        record.headers(),
        record.leaderEpoch());
  }

  /** The fold channel's value deserializer: the text as UTF-8, decoded. */
  public static final class Decoder implements Deserializer<FoldValue> {

    /**
     * Runs the codec once on the thread that creates the consumer, before any poll: the codec and
     * the message classes are initialized on one thread, never on the poll thread and a worker at
     * the same time.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      Envelope sample =
          Envelope.of(
              UUID.randomUUID(),
              "status/warm-up",
              new RunHeartbeat(UUID.randomUUID(), 1, "warm-up", 0, 1));
      EnvelopeCodec.decode(sample.key(), EnvelopeCodec.encode(sample));
    }

    @Override
    public FoldValue deserialize(String topic, byte[] data) {
      return data == null ? null : decode(new String(data, StandardCharsets.UTF_8));
    }
  }

  /** The value as it arrived: how the channel's own dead-letter handling writes it back. */
  public static final class Encoder implements Serializer<FoldValue> {

    @Override
    public byte[] serialize(String topic, FoldValue value) {
      return value == null || value.raw() == null
          ? null
          : value.raw().getBytes(StandardCharsets.UTF_8);
    }
  }
}
