package io.clawops.contracts.codec;

import static io.clawops.contracts.message.SampleMessages.CLAW_ID;
import static io.clawops.contracts.message.SampleMessages.RUN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.UnknownData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact text the codec writes. Outboxes, recorded histories and replay comparisons keep and
 * compare it, so a change of field order, of null handling or of timestamp format is a change of
 * the contract, not a detail; the expected texts are what the codec wrote before it moved to
 * Jackson's binding.
 */
class WireFormatTest {

  private static final UUID EVENT_ID = UUID.fromString("3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8");
  private static final String HEAD =
      "{\"eventId\":\"3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8\",\"type\":\"%s\","
          + "\"clawId\":\"9b2e4c1a-7d3f-4e5b-8a6c-0f1e2d3c4b5a\","
          + "\"occurredAt\":\"2026-11-21T10:00:00Z\",\"source\":null,\"schema\":1,\"data\":%s}";

  static Stream<Arguments> records() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("head", null);
    evidence.put("tries", Arrays.asList(1, null, 2.5));
    ObjectNode raw = JsonNodeFactory.instance.objectNode().put("answer", 42);
    raw.putArray("xs").add("é").addNull();
    return Stream.of(
        Arguments.of(
            new RunToolResult(RUN_ID, 1, 4, "c1", "exec", true, null, null),
            "{\"runId\":\"3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8\",\"attempt\":1,\"seq\":4,"
                + "\"callId\":\"c1\",\"tool\":\"exec\",\"ok\":true,\"errorSummary\":null,"
                + "\"outputDigest\":null}"),
        Arguments.of(
            new StatusChanged(
                ClawStatus.TIMED_OUT, null, "platform.hard_timeout", null, false, null),
            "{\"status\":\"timed_out\",\"previousStatus\":null,\"reason\":\"platform.hard_timeout\","
                + "\"message\":null,\"retryable\":false,\"connection\":null}"),
        Arguments.of(
            new BootstrapStep(
                "repositories_cloned", StepOutcome.SKIPPED, null, null, 1, 0, evidence),
            "{\"step\":\"repositories_cloned\",\"outcome\":\"skipped\",\"reason\":null,"
                + "\"message\":null,\"attempt\":1,\"durationMs\":0,"
                + "\"evidence\":{\"head\":null,\"tries\":[1,null,2.5]}}"),
        Arguments.of(
            new RunFinished(
                RUN_ID,
                2,
                9,
                RunOutcome.COMPLETED,
                null,
                null,
                Instant.parse("2026-11-21T10:59:59.007Z"),
                null),
            "{\"runId\":\"3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8\",\"attempt\":2,\"seq\":9,"
                + "\"outcome\":\"completed\",\"code\":null,\"message\":null,"
                + "\"finishedAt\":\"2026-11-21T10:59:59.007Z\",\"deadlineAt\":null}"),
        Arguments.of(new UnknownData("run.telepathy", raw), "{\"answer\":42,\"xs\":[\"é\",null]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void shouldWriteTheSameTextAsBefore(MessageData data, String expectedData) {
    Envelope envelope =
        new Envelope(EVENT_ID, null, CLAW_ID, Instant.parse("2026-11-21T10:00:00Z"), null, 1, data);
    String expected = HEAD.formatted(data.type(), expectedData);

    assertThat(EnvelopeCodec.encode(envelope)).isEqualTo(expected);
    assertThat(EnvelopeCodec.encodeBytes(envelope))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(EnvelopeCodec.encode(EnvelopeCodec.decode(expected))).isEqualTo(expected);
  }
}
