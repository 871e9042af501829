package io.clawops.contracts.codec;

import static io.clawops.contracts.message.SampleMessages.CLAW_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.contracts.message.SampleMessages;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.UnknownData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges Jackson brings to decoding: JSON types it would coerce, nulls, numbers out of range,
 * paths into nested records and lists, fields in any order or given twice.
 */
class StrictDecodingTest {

  private static final ObjectMapper JSON = EnvelopeCodec.mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final RunnerBeat BEAT =
      new RunnerBeat(
          "runner-7f3a",
          4,
          2,
          List.of(
              new RunnerBeat.HeldRun(CLAW_ID, SampleMessages.RUN_ID, 1),
              new RunnerBeat.HeldRun(UUID.randomUUID(), UUID.randomUUID(), 2)),
          null,
          5,
          17,
          true);

  /** A sample, a JSON pointer into its encoded envelope, the value put there, the message. */
  static Stream<Arguments> wrongValues() {
    MessageData tool = SampleMessages.toolResult();
    MessageData task = SampleMessages.task();
    MessageData step = sample(BootstrapStep.class);
    MessageData finished = sample(RunFinished.class);
    MessageData status = sample(StatusChanged.class);
    MessageData model = sample(RunModel.class);
    return Stream.of(
        // JSON types Jackson would coerce by default
        wrong(tool, "/data/callId", NODES.numberNode(42), "data.callId: must be a string"),
        wrong(tool, "/data/runId", NODES.objectNode(), "data.runId: must be a UUID"),
        wrong(
            tool,
            "/eventId",
            NODES.textNode("PxwrSl1uT3CBkqO0xdbn+A=="),
            "eventId: must be a UUID"),
        wrong(tool, "/source", NODES.numberNode(7), "source: must be a string"),
        wrong(tool, "/data/ok", NODES.numberNode(1), "data.ok: must be true or false"),
        wrong(tool, "/data/attempt", NODES.booleanNode(true), "data.attempt: must be an integer"),
        wrong(tool, "/data/seq", NODES.textNode(""), "data.seq: must be an integer"),
        wrong(
            finished,
            "/data/finishedAt",
            NODES.arrayNode().add("2026-11-21T11:00:01.5Z"),
            "data.finishedAt: " + WireScalars.ISO_TIMESTAMP),
        wrong(
            status,
            "/data/previousStatus",
            NODES.numberNode(0),
            "data.previousStatus: must be one of [removed, completed, timed_out, cancelled,"
                + " workspace_incomplete, bootstrap_failed, recovering, model_timeout,"
                + " tool_blocked, stalled, failed, offline, running, ready, provisioning]"),
        wrong(
            task,
            "/data/modelProfile",
            NODES.arrayNode().add(NODES.objectNode()),
            "data.modelProfile: must be a JSON object"),
        wrong(
            task,
            "/data/capabilities",
            NODES.textNode(""),
            "data.capabilities: must be a JSON object"),
        wrong(
            task,
            "/data/fallbackProfiles",
            NODES.objectNode(),
            "data.fallbackProfiles: must be a JSON array"),
        wrong(
            task,
            "/data/fallbackProfiles",
            NODES.textNode(""),
            "data.fallbackProfiles: must be a JSON array"),
        wrong(step, "/data/evidence", NODES.arrayNode(), "data.evidence: must be a JSON object"),
        // nulls: the same as absent
        wrong(tool, "/data/attempt", NODES.nullNode(), "data.attempt: missing"),
        wrong(tool, "/data/ok", NODES.nullNode(), "data.ok: missing"),
        wrong(tool, "/data/callId", NODES.nullNode(), "data.callId: missing"),
        wrong(task, "/data/modelProfile", NODES.nullNode(), "data.modelProfile: missing"),
        wrong(
            task,
            "/data/fallbackProfiles/0",
            NODES.nullNode(),
            "data.fallbackProfiles[0]: missing"),
        wrong(BEAT, "/data/runs/1", NODES.nullNode(), "data.runs[1]: missing"),
        wrong(tool, "/schema", NODES.nullNode(), "schema: missing"),
        // numbers out of range
        wrong(
            tool, "/data/attempt", NODES.numberNode(1L << 31), "data.attempt: must be an integer"),
        wrong(
            tool,
            "/data/seq",
            NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
            "data.seq: must be an integer"),
        wrong(tool, "/schema", NODES.numberNode(1L << 32), "schema: must be an integer"),
        wrong(
            model, "/data/latencyMs", NODES.numberNode(1e3), "data.latencyMs: must be an integer"),
        wrong(
            model, "/data/latencyMs", NODES.numberNode(-1), "data.latencyMs: must not be negative"),
        // paths into nested records and lists
        wrong(
            BEAT,
            "/data/runs/1/clawId",
            NODES.textNode("claw-2"),
            "data.runs[1].clawId: must be a UUID"),
        wrong(
            BEAT,
            "/data/runs/0/attempt",
            NODES.numberNode(0),
            "data.runs[0].attempt: must be a positive integer"),
        wrong(BEAT, "/data/runs/0/runId", NODES.nullNode(), "data.runs[0].runId: missing"),
        wrong(
            BEAT,
            "/data/slotsBusy",
            NODES.numberNode(5),
            "data.slotsBusy: must not exceed slotsTotal"),
        wrong(
            task,
            "/data/timeouts/heartbeatSeconds",
            NODES.textNode("10"),
            "data.timeouts.heartbeatSeconds: must be an integer"),
        wrong(
            task,
            "/data/fallbackProfiles/0/idleTimeoutSeconds",
            NODES.numberNode(2.5),
            "data.fallbackProfiles[0].idleTimeoutSeconds: must be an integer"));
  }

  private static Arguments wrong(
      MessageData sample, String pointer, JsonNode value, String message) {
    return Arguments.of(
        sample.type() + " " + pointer + "=" + value, sample, pointer, value, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongValues")
  void shouldNameTheFieldOfAValueJacksonWouldOtherwiseAccept(
      String name, MessageData sample, String pointer, JsonNode value, String message) {
    ObjectNode tree = encoded(sample);
    put(tree, pointer, value);

    assertThatThrownBy(() -> EnvelopeCodec.decode(tree.toString()))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage(message);
    // The same when data comes before type and schema, and is bound only once they are known.
    assertThatThrownBy(() -> EnvelopeCodec.decode(dataFirst(tree)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage(message);
  }

  @Test
  void shouldReadNullAsAbsentForOptionalFields() {
    ObjectNode tree = encoded(sample(RunModel.class));
    ((ObjectNode) tree.get("data")).putNull("latencyMs").putNull("model").putNull("reason");
    ObjectNode step = encoded(sample(BootstrapStep.class));
    ((ObjectNode) step.get("data")).putNull("evidence");
    ObjectNode requested = encoded(sample(BootstrapRequested.class));
    ((ObjectNode) requested.get("data")).putNull("spec");

    assertThat(EnvelopeCodec.decode(tree.toString()).data())
        .isEqualTo(new RunModel(SampleMessages.RUN_ID, 1, 5, ModelPhase.TIMEOUT, null, null));
    assertThat(((BootstrapStep) EnvelopeCodec.decode(step.toString()).data()).evidence()).isEmpty();
    assertThat(((BootstrapRequested) EnvelopeCodec.decode(requested.toString()).data()).spec())
        .isEqualTo(NODES.objectNode());
  }

  @Test
  void shouldKeepNullsAndNestedValuesInsideEvidence() {
    ObjectNode tree = encoded(sample(BootstrapStep.class));
    ObjectNode evidence = (ObjectNode) tree.at("/data/evidence");
    evidence.putNull("exitCode");
    evidence.putArray("tries").add(1).addNull().add(2.5);
    evidence.putObject("nested").put("big", 1L << 40);

    BootstrapStep step = (BootstrapStep) EnvelopeCodec.decode(tree.toString()).data();

    assertThat(step.evidence()).containsEntry("exitCode", null);
    assertThat(step.evidence().get("tries")).isEqualTo(java.util.Arrays.asList(1, null, 2.5));
    assertThat(step.evidence().get("nested")).isEqualTo(java.util.Map.of("big", 1L << 40));
  }

  @Test
  void shouldIgnoreUnknownFieldsOfAnyShapeInsideNestedRecordsAndLists() {
    Envelope envelope = Envelope.of(CLAW_ID, "test", BEAT);
    ObjectNode tree = encoded(envelope);
    ObjectNode data = (ObjectNode) tree.get("data");
    data.put("type", "run.heartbeat");
    data.putObject("future").putArray("deep").addObject().putNull("x");
    ((ObjectNode) tree.at("/data/runs/0")).putArray("tags").add("a").addArray().add(1);
    tree.putArray("hops").add("a");

    assertThat(EnvelopeCodec.decode(tree.toString())).isEqualTo(envelope);
    assertThat(EnvelopeCodec.decode(dataFirst(tree).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(envelope);
  }

  @Test
  void shouldKeepUnknownTypesRawWhateverTheirDataIs() {
    ObjectNode tree = encoded(SampleMessages.toolResult());
    tree.put("type", "run.telepathy");
    tree.putArray("data").add(1).add("two");
    ObjectNode absent = tree.deepCopy();
    absent.remove("data");

    assertThat(EnvelopeCodec.decode(dataFirst(tree)).data())
        .isEqualTo(new UnknownData("run.telepathy", NODES.arrayNode().add(1).add("two")));
    assertThat(((UnknownData) EnvelopeCodec.decode(absent.toString()).data()).raw().isNull())
        .isTrue();
  }

  @Test
  void shouldReportTheEnvelopeFieldBeforeABrokenDataField() {
    ObjectNode tree = encoded(SampleMessages.toolResult());
    tree.remove("eventId");
    ((ObjectNode) tree.get("data")).put("seq", "4");
    tree.put("eventId", "not-a-uuid"); // after data on the wire

    assertThatThrownBy(() -> EnvelopeCodec.decode(tree.toString()))
        .hasMessage("eventId: must be a UUID");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // a field error first, broken JSON further on: the JSON is what is wrong
        "{\"eventId\":\"bad\",\"data\":{\"seq\":",
        "{\"type\":\"run.tool_result\",\"schema\":1,\"data\":{\"seq\":\"4\",\"x\":[1,}}",
        // a field given twice: neither value can be trusted
        "{\"type\":\"run.heartbeat\",\"type\":\"run.finished\"}",
        "{\"type\":\"run.heartbeat\",\"schema\":1,\"data\":{\"beat\":4,\"beat\":9}}",
        "{\"type\":\"run.heartbeat\",\"schema\":1,\"data\":{},\"schema\":2}",
      })
  void shouldReportBrokenJsonBeforeAnyFieldProblem(String input) {
    assertThatThrownBy(() -> EnvelopeCodec.decode(input))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageStartingWith("envelope: not valid JSON at line 1, column ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "2026-11-21T10:00:00Z",
        "2026-11-21T10:00:00.123Z",
        "2024-02-29T23:59:59.999Z",
        "2026-11-21t10:00:00z",
        "2026-11-21T10:00:00.5Z",
        "2026-11-21T10:00:00.123456789Z",
        "2026-11-21T12:00:00.123+02:00",
        "0000-01-01T00:00:00Z",
        "2026-02-29T10:00:00Z",
        "2026-11-21T24:00:00Z",
        "2026-11-21T10:00:60Z",
        "2026-13-01T10:00:00.000Z",
        "2026-11-21T10:00:0xZ",
        "2026-11-21 10:00:00Z",
        "2026-11-21T10:00:00.12Z",
      })
  void shouldAcceptExactlyTheTimestampsTheIsoParserAccepts(String timestamp) {
    ObjectNode tree = encoded(SampleMessages.toolResult());
    tree.put("occurredAt", timestamp);
    Instant expected;
    try {
      expected = OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      expected = null;
    }

    if (expected == null) {
      assertThatThrownBy(() -> EnvelopeCodec.decode(tree.toString()))
          .hasMessage("occurredAt: " + WireScalars.ISO_TIMESTAMP);
    } else {
      assertThat(EnvelopeCodec.decode(tree.toString()).occurredAt()).isEqualTo(expected);
    }
  }

  @Test
  void shouldLeaveTheServicesMapperAsLenientAsJackson() throws Exception {
    // Services read their own documents with it; only the wire is strict.
    ModelProfile profile =
        JSON.readValue(
            "{\"name\":\"p\",\"model\":\"m\",\"idleTimeoutSeconds\":\"30\"}", ModelProfile.class);

    assertThat(profile.idleTimeoutSeconds()).isEqualTo(30);
  }

  private static MessageData sample(Class<? extends MessageData> type) {
    return SampleMessages.all().stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  private static ObjectNode encoded(MessageData data) {
    return encoded(Envelope.of(CLAW_ID, "test", data));
  }

  private static ObjectNode encoded(Envelope envelope) {
    try {
      return (ObjectNode) JSON.readTree(EnvelopeCodec.encode(envelope));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same record with {@code data} first, as another producer might order it. */
  private static String dataFirst(ObjectNode tree) {
    ObjectNode reordered = NODES.objectNode();
    if (tree.has("data")) {
      reordered.set("data", tree.get("data"));
    }
    tree.fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("data")) {
                reordered.set(field.getKey(), field.getValue());
              }
            });
    return reordered.toString();
  }

  private static void put(ObjectNode tree, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = tree.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else {
      ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
    }
  }
}
