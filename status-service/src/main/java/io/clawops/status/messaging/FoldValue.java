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
 * <p>The value is kept as its bytes; its text is made only when asked for ({@link #raw()}: the
 * dead-letter topic), not for every record folded.
 */
public final class FoldValue {

  private final byte[] bytes;
  private final Envelope envelope;
  private final MessageFormatException malformed;

  private FoldValue(byte[] bytes, Envelope envelope, MessageFormatException malformed) {
    this.bytes = bytes;
    this.envelope = envelope;
    this.malformed = malformed;
  }

  /** The value as text, as UTF-8 decodes its bytes (null for a record without a value). */
  public String raw() {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** The decoded envelope, null when {@link #malformed()} is set. */
  public Envelope envelope() {
    return envelope;
  }

  /**
   * Why the value is not an envelope; null when it is one. Thrown where the record is applied,
   * never in the consumer's fetch: no value can stop the fetch.
   */
  public MessageFormatException malformed() {
    return malformed;
  }

  /**
   * Decodes like {@link EnvelopeCodec#decode(String)}. A value the codec fails on in any other way
   * is malformed too: that one record is dead-lettered, not the poll it came in.
   */
  public static FoldValue decode(String raw) {
    byte[] bytes = raw == null ? null : raw.getBytes(StandardCharsets.UTF_8);
    try {
      return new FoldValue(bytes, EnvelopeCodec.decode(raw), null);
    } catch (RuntimeException e) {
      return new FoldValue(bytes, null, malformed(e));
    }
  }

  /** Decodes a value's bytes like {@link EnvelopeCodec#decode(byte[])}, as their text would be. */
  public static FoldValue decode(byte[] data) {
    try {
      return new FoldValue(data, EnvelopeCodec.decode(data), null);
    } catch (RuntimeException e) {
      return new FoldValue(data, null, malformed(e));
    }
  }

  private static MessageFormatException malformed(RuntimeException e) {
    return e instanceof MessageFormatException format
        ? format
        : new MessageFormatException(
            "envelope", "could not be decoded (" + e.getClass().getSimpleName() + ")");
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
      value = decode((String) null);
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
      return data == null ? null : decode(data);
    }
  }

  /** The value as it arrived: how the channel's own dead-letter handling writes it back. */
  public static final class Encoder implements Serializer<FoldValue> {

    @Override
    public byte[] serialize(String topic, FoldValue value) {
      String raw = value == null ? null : value.raw();
      return raw == null ? null : raw.getBytes(StandardCharsets.UTF_8);
    }
  }
}
