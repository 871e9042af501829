package io.clawops.status.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunToolUse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A poll decoded in parallel keeps its records' order, and each refusal with its record. */
class FoldDecodeTest {

  @Test
  void shouldDecodeALargePollInOrderWithEachMalformedRecordInItsPlace() {
    int size = FoldConsumer.PARALLEL_DECODE * 4;
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    List<Envelope> sent = new ArrayList<>();
    UUID runId = UUID.randomUUID();
    for (int i = 0; i < size; i++) {
      UUID clawId = UUID.randomUUID();
      if (i % 7 == 3) {
        sent.add(null);
        records.add(new ConsumerRecord<>(Topics.EVENTS, 0, i, clawId.toString(), "{broken " + i));
      } else {
        Envelope envelope =
            Envelope.of(
                clawId,
                "runner/test",
                new RunToolUse(runId, 1, i + 1, "c" + i, "read", "d" + i, "cat notes.md"));
        sent.add(envelope);
        records.add(
            new ConsumerRecord<>(
                Topics.EVENTS, 0, i, clawId.toString(), EnvelopeCodec.encode(envelope)));
      }
    }

    Object[] read = FoldConsumer.decodeAll(records);

    assertThat(read).hasSize(size);
    for (int i = 0; i < size; i++) {
      if (sent.get(i) == null) {
        assertThat(read[i]).as("record %d", i).isInstanceOf(MessageFormatException.class);
      } else {
        assertThat(read[i]).as("record %d", i).isInstanceOf(Envelope.class);
        assertThat(((Envelope) read[i]).eventId()).isEqualTo(sent.get(i).eventId());
        assertThat(((RunToolUse) ((Envelope) read[i]).data()).seq()).isEqualTo(i + 1L);
      }
    }
  }
}
