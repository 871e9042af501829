package io.clawops.status.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunHeartbeat;
import java.nio.charset.StandardCharsets;
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
