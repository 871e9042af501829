package io.clawops.testkit;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** One record read from a topic: where it came from, its raw value and headers. */
public record ConsumedRecord(
    String topic,
    int partition,
    long offset,
    String key,
    String value,
    Map<String, String> headers) {

  /** The record decoded as an envelope, or empty when it is not a valid one. */
  public Optional<Envelope> envelope() {
    try {
      return Optional.of(EnvelopeCodec.decode(value));
    } catch (MessageFormatException e) {
      return Optional.empty();
    }
  }

  /** A header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
