package io.clawops.status.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunHeartbeat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FoldValueTest {

  private final FoldValue.Decoder decoder = new FoldValue.Decoder();
  private final FoldValue.Encoder encoder = new FoldValue.Encoder();

  @Test
  void shouldDecodeAnEnvelopeDuringTheFetchAndCheckItsKeyWhereItIsApplied() {
    UUID clawId = UUID.randomUUID();
    Envelope sent = heartbeat(clawId);
    String text = EnvelopeCodec.encode(sent);

    FoldValue value = decoder.deserialize("claw.heartbeats", bytes(text));

    assertThat(value.malformed()).isNull();
    assertThat(value.raw()).isEqualTo(text);
    assertThat(FoldValue.envelope(record(clawId.toString(), value))).isEqualTo(sent);
    assertThatThrownBy(() -> FoldValue.envelope(record(UUID.randomUUID().toString(), value)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("differs from clawId");
    assertThatThrownBy(() -> FoldValue.envelope(record(null, value)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("key: missing");
  }

  @Test
  void shouldKeepAMalformedValueAsItArrivedWithTheCodecsReason() {
    FoldValue value = decoder.deserialize("claw.events", bytes("{not json at all"));

    assertThat(value.envelope()).isNull();
    assertThat(value.malformed()).hasMessageContaining("not valid JSON");
    ConsumerRecord<String, FoldValue> record = record("k", value);
    assertThatThrownBy(() -> FoldValue.envelope(record)).isSameAs(value.malformed());
    ConsumerRecord<String, String> dead = FoldValue.asText(record);
    assertThat(dead.value()).isEqualTo("{not json at all");
    assertThat(dead.key()).isEqualTo("k");
    assertThat(dead.offset()).isEqualTo(record.offset());
    assertThat(new String(encoder.serialize("claw.dlq", value), StandardCharsets.UTF_8))
        .isEqualTo("{not json at all");
  }

  @Test
  void shouldReportARecordWithoutAValueTheWayTheCodecDoes() {
    assertThat(decoder.deserialize("claw.events", null)).isNull();
    assertThatThrownBy(() -> FoldValue.envelope(record("k", null)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage("envelope: missing");
    assertThat(FoldValue.asText(record("k", null)).value()).isNull();
    assertThat(encoder.serialize("claw.dlq", null)).isNull();
  }

  @Test
  void shouldDecodeBytesExactlyAsTheirTextWhetherTheyAreAsciiOrNot() {
    UUID clawId = UUID.randomUUID();
    Envelope accented =
        Envelope.of(
            clawId, "runner/zürich", new RunHeartbeat(UUID.randomUUID(), 1, "läufer-1", 0, 3));
    String text = EnvelopeCodec.encode(accented);

    FoldValue value = decoder.deserialize("claw.heartbeats", bytes(text));

    assertThat(value.malformed()).isNull();
    assertThat(value.envelope()).isEqualTo(accented);
    assertThat(value.raw()).isEqualTo(text);
    String heartbeat = EnvelopeCodec.encode(heartbeat(clawId));
    for (String malformed :
        List.of(
            "{not json at all",
            "{\"a\": 1,\n  \"a\": 2}",
            "{\"eventId\": 5}",
            heartbeat.replace("\"beat\":3", "\"beat\":\"3\""),
            heartbeat + " trailing",
            "\u0000{\"a\":1}",
            "{\"é\": [1,, 2]}",
            "")) {
      FoldValue fromBytes = decoder.deserialize("claw.events", bytes(malformed));
      assertThat(fromBytes.envelope()).as(malformed).isNull();
      assertThat(fromBytes.malformed())
          .as(malformed)
          .hasMessage(FoldValue.decode(malformed).malformed().getMessage());
      assertThat(fromBytes.raw()).isEqualTo(malformed);
    }
    // Not UTF-8 at all: read as the text UTF-8 makes of it, U+FFFD for the broken sequence.
    byte[] broken = {'{', '"', 'a', '"', ':', (byte) 0xC3, '}'};
    FoldValue fromBroken = decoder.deserialize("claw.events", broken);
    String brokenText = new String(broken, StandardCharsets.UTF_8);
    assertThat(fromBroken.raw()).isEqualTo(brokenText).contains("\uFFFD");
    assertThat(fromBroken.malformed())
        .hasMessage(FoldValue.decode(brokenText).malformed().getMessage());
  }

  private static Envelope heartbeat(UUID clawId) {
    return Envelope.of(
        clawId, "runner/test", new RunHeartbeat(UUID.randomUUID(), 1, "runner-test", 0, 3));
  }

  private static ConsumerRecord<String, FoldValue> record(String key, FoldValue value) {
    return new ConsumerRecord<>("claw.events", 2, 41L, key, value);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
