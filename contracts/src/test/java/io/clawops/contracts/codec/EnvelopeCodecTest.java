package io.clawops.contracts.codec;

import static io.clawops.contracts.message.SampleMessages.CLAW_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.SampleMessages;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.UnknownData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

  private static final Instant OCCURRED_AT = Instant.parse("2026-11-21T10:00:00.123Z");

  private final ObjectMapper json = EnvelopeCodec.mapper();

  static Stream<MessageData> everyMessageType() {
    return SampleMessages.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMessageType")
  void shouldRoundTripEveryMessageType(MessageData data) {
    Envelope envelope = Envelope.of(CLAW_ID, "runner/runner-7f3a", data);

    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(envelope))).isEqualTo(envelope);
    assertThat(EnvelopeCodec.decode(EnvelopeCodec.encodeBytes(envelope))).isEqualTo(envelope);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json at all",
        "{\"a\": 1,\n  \"a\": 2}",
        "{\"eventId\": 5}",
        "\u0000{\"a\":1}",
        "{\"\u00e9\": [1,, 2]}",
        ""
      })
  void shouldFailOnBytesExactlyAsOnTheirText(String malformed) {
    String expected = messageOf(() -> EnvelopeCodec.decode(malformed));

    assertThatThrownBy(() -> EnvelopeCodec.decode(malformed.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage(expected);
  }

  @Test
  void shouldReadBrokenUtf8AsTheTextUtf8MakesOfIt() {
    byte[] broken = {'{', '"', 'a', '"', ':', (byte) 0xC3, '}'};
    String text = new String(broken, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> EnvelopeCodec.decode(broken))
        .hasMessage(messageOf(() -> EnvelopeCodec.decode(text)));
  }

  private static String messageOf(Runnable decode) {
    try {
      decode.run();
    } catch (MessageFormatException e) {
      return e.getMessage();
    }
    throw new AssertionError("decoded");
  }

  @Test
  void shouldHaveASampleForEveryMessageRecord() {
    Set<Class<?>> sampled =
        SampleMessages.all().stream().map(Object::getClass).collect(Collectors.toSet());

    assertThat(sampled).containsExactlyInAnyOrderElementsOf(concreteTypes(MessageData.class));
    assertThat(EnvelopeCodec.knownTypes()).hasSize(sampled.size() - 1);
  }

  private static List<Class<?>> concreteTypes(Class<?> sealed) {
    List<Class<?>> result = new ArrayList<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isSealed()) {
        result.addAll(concreteTypes(permitted));
      } else {
        result.add(permitted);
      }
    }
    return result;
  }

  /** The {@code data} field names of every type, copied from DESIGN §4. */
  static Stream<Arguments> designFieldNames() {
    String run = "runId attempt seq ";
    return Stream.of(
        Arguments.of("bootstrap.requested", "workflowRunId spec deadlineAt"),
        Arguments.of("bootstrap.step", "step outcome reason message attempt durationMs evidence"),
        Arguments.of("bootstrap.completed", "ok reason message"),
        Arguments.of(
            "task.dispatched",
            "taskId attempt runtime prompt workspacePath modelProfile fallbackProfiles"
                + " capabilities timeouts maxAttempts"),
        Arguments.of("run.claimed", run + "taskId runnerId"),
        Arguments.of("run.started", run + "modelProfile deadlineAt"),
        Arguments.of("run.tool_use", run + "callId tool inputDigest inputSummary"),
        Arguments.of("run.tool_result", run + "callId tool ok errorSummary outputDigest"),
        Arguments.of("run.model", run + "phase model latencyMs reason"),
        Arguments.of("run.error", run + "code message"),
        Arguments.of("run.hub_message_delivered", run + "commandId"),
        Arguments.of("run.hub_message_undelivered", run + "commandId reason"),
        Arguments.of("run.finished", run + "outcome code message finishedAt deadlineAt"),
        Arguments.of("run.heartbeat", "runId attempt runnerId lastSeq beat"),
        Arguments.of(
            "runner.beat", "runnerId slotsTotal slotsBusy runs version beatSeconds beat claiming"),
        Arguments.of("command.inject_message", "commandId runId text rule"),
        Arguments.of("command.cancel", "commandId runId reason"),
        Arguments.of("command.rebootstrap", "commandId"),
        Arguments.of(
            "status.changed", "status previousStatus reason message retryable connection"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("designFieldNames")
  void shouldUseTheDesignFieldNames(String type, String fieldNames) throws Exception {
    MessageData data =
        SampleMessages.all().stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow();

    JsonNode tree = json.readTree(EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", data)));

    assertThat(tree.get("type").asText()).isEqualTo(type);
    assertThat(fieldNamesOf(tree.get("data"))).containsExactlyInAnyOrder(fieldNames.split(" "));
  }

  @Test
  void shouldWriteTheEnvelopeOfDesignSection3() throws Exception {
    UUID eventId = UUID.randomUUID();
    Envelope envelope =
        new Envelope(
            eventId,
            RunToolResult.TYPE,
            CLAW_ID,
            OCCURRED_AT,
            "runner/runner-7f3a",
            1,
            SampleMessages.toolResult());

    JsonNode tree = json.readTree(EnvelopeCodec.encode(envelope));

    assertThat(fieldNamesOf(tree))
        .containsExactly("eventId", "type", "clawId", "occurredAt", "source", "schema", "data");
    assertThat(tree.get("eventId").asText()).isEqualTo(eventId.toString());
    assertThat(tree.get("type").asText()).isEqualTo("run.tool_result");
    assertThat(tree.get("clawId").asText()).isEqualTo(CLAW_ID.toString());
    assertThat(tree.get("occurredAt").asText()).isEqualTo("2026-11-21T10:00:00.123Z");
    assertThat(tree.get("schema").asInt()).isEqualTo(1);
    assertThat(tree.at("/data/ok").isBoolean()).isTrue();
    assertThat(tree.at("/data/seq").isIntegralNumber()).isTrue();
  }

  @Test
  void shouldWriteEnumsInLowercaseAndTimestampsAsIsoStrings() throws Exception {
    MessageData finished =
        SampleMessages.all().stream().filter(RunFinished.class::isInstance).findFirst().get();

    JsonNode data =
        json.readTree(EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", finished))).get("data");

    assertThat(data.get("outcome").asText()).isEqualTo("timed_out");
    assertThat(data.get("finishedAt").asText()).isEqualTo("2026-11-21T11:00:01.500Z");
  }

  @Test
  void shouldRefuseARecordWhoseKeyIsNotItsClawId() {
    String json = EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", SampleMessages.task()));

    assertThat(EnvelopeCodec.decode(CLAW_ID.toString(), json).clawId()).isEqualTo(CLAW_ID);
    assertThatThrownBy(() -> EnvelopeCodec.decode("another-claw", json))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("key: differs from clawId");
    assertThatThrownBy(() -> EnvelopeCodec.decode(null, json))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("key: missing");
  }

  @Test
  void shouldWriteNestedTaskObjectsWithDesignNames() throws Exception {
    JsonNode data =
        json.readTree(EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", SampleMessages.task())))
            .get("data");

    assertThat(fieldNamesOf(data.get("modelProfile")))
        .containsExactly("name", "model", "idleTimeoutSeconds");
    assertThat(fieldNamesOf(data.get("capabilities")))
        .containsExactly("elevatedExec", "browser", "fileTools", "processTools");
    assertThat(fieldNamesOf(data.get("timeouts")))
        .containsExactly("runSeconds", "idleSeconds", "toolIdleSeconds", "heartbeatSeconds");
    assertThat(data.get("fallbackProfiles").isArray()).isTrue();
  }

  @Test
  void shouldDecodeHandWrittenDesignJson() {
    String record =
        """
        {"eventId":"3f1c2b4a-5d6e-4f70-8192-a3b4c5d6e7f8","type":"bootstrap.step",
         "clawId":"9b2e4c1a-7d3f-4e5b-8a6c-0f1e2d3c4b5a","occurredAt":"2026-11-21T10:00:00.123Z",
         "source":"provisioner/p-1","schema":1,
         "data":{"step":"repositories_verified","outcome":"ok","attempt":1,"durationMs":12,
                 "evidence":{"repository":"app","path":"app","gitDir":true,"head":"5e1d"}}}
        """;

    Envelope envelope = EnvelopeCodec.decode(record);

    assertThat(envelope.clawId()).isEqualTo(CLAW_ID);
    assertThat(envelope.occurredAt()).isEqualTo(OCCURRED_AT);
    BootstrapStep step = (BootstrapStep) envelope.data();
    assertThat(step.outcome()).isEqualTo(StepOutcome.OK);
    assertThat(step.reason()).isNull();
    assertThat(step.evidence()).containsEntry("gitDir", true).containsEntry("head", "5e1d");
  }

  @Test
  void shouldDecodeAbsentFallbackProfilesAsEmptyList() throws Exception {
    ObjectNode tree = encodedTree(SampleMessages.task());
    ((ObjectNode) tree.get("data")).remove("fallbackProfiles");

    TaskDispatched task = (TaskDispatched) EnvelopeCodec.decode(tree.toString()).data();

    assertThat(task.fallbackProfiles()).isEmpty();
  }

  @Test
  void shouldDecodeCancelWithoutRunId() throws Exception {
    ObjectNode tree = encodedTree(new CommandCancel(UUID.randomUUID(), null, null));
    ((ObjectNode) tree.get("data")).remove("runId");

    assertThat(((CommandCancel) EnvelopeCodec.decode(tree.toString()).data()).runId()).isNull();
  }

  @Test
  void shouldDecodeUnknownTypeAsUnknownData() throws Exception {
    ObjectNode tree = encodedTree(SampleMessages.toolResult());
    tree.put("type", "run.telepathy");

    Envelope envelope = EnvelopeCodec.decode(tree.toString());

    assertThat(envelope.type()).isEqualTo("run.telepathy");
    assertThat(envelope.data()).isInstanceOf(UnknownData.class);
    assertThat(((UnknownData) envelope.data()).raw()).isEqualTo(tree.get("data"));
  }

  @Test
  void shouldDecodeHigherSchemaAsUnknownDataEvenForAKnownType() throws Exception {
    ObjectNode tree = encodedTree(SampleMessages.toolResult());
    tree.put("schema", Envelope.CURRENT_SCHEMA + 1);
    ((ObjectNode) tree.get("data")).remove("callId");

    Envelope envelope = EnvelopeCodec.decode(tree.toString());

    assertThat(envelope.schema()).isEqualTo(2);
    assertThat(envelope.data()).isEqualTo(new UnknownData("run.tool_result", tree.get("data")));
  }

  @Test
  void shouldIgnoreUnknownFieldsAtEveryLevel() throws Exception {
    Envelope envelope = Envelope.of(CLAW_ID, "test", SampleMessages.task());
    ObjectNode tree = (ObjectNode) json.readTree(EnvelopeCodec.encode(envelope));
    tree.put("traceparent", "00-abc-01");
    ((ObjectNode) tree.get("data")).put("priority", 7);
    ((ObjectNode) tree.at("/data/modelProfile")).put("temperature", 0.2);
    ((ObjectNode) tree.at("/data/fallbackProfiles/0")).putArray("tags").add("cheap");

    assertThat(EnvelopeCodec.decode(tree.toString())).isEqualTo(envelope);
  }

  @Test
  void shouldAcceptMissingSourceAndTimestampsWithOffsets() throws Exception {
    ObjectNode tree = encodedTree(SampleMessages.toolResult());
    tree.remove("source");
    tree.put("occurredAt", "2026-11-21T12:00:00.123+02:00");

    Envelope envelope = EnvelopeCodec.decode(tree.toString());

    assertThat(envelope.source()).isNull();
    assertThat(envelope.occurredAt()).isEqualTo(OCCURRED_AT);
  }

  @Test
  void shouldGiveServicesAnIndependentCopyOfTheMapper() {
    ObjectMapper copy = EnvelopeCodec.mapper();
    copy.enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    String encoded =
        EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", SampleMessages.toolResult()));

    assertThat(encoded).contains("\"occurredAt\":\"");
  }

  static Stream<Arguments> malformedRecords() {
    MessageData toolResult = SampleMessages.toolResult();
    MessageData task = SampleMessages.task();
    MessageData step = sample(BootstrapStep.class);
    return Stream.of(
        broken("missing clawId", toolResult, root -> root.remove("clawId"), "clawId: missing"),
        broken("null clawId", toolResult, root -> root.putNull("clawId"), "clawId: missing"),
        broken(
            "bad clawId", toolResult, root -> root.put("clawId", "9b2e"), "clawId: must be a UUID"),
        broken(
            "numeric eventId",
            toolResult,
            root -> root.put("eventId", 42),
            "eventId: must be a UUID"),
        broken("missing type", toolResult, root -> root.remove("type"), "type: missing"),
        broken("blank type", toolResult, root -> root.put("type", " "), "type: must not be blank"),
        broken(
            "epoch occurredAt",
            toolResult,
            root -> root.put("occurredAt", 1_763_719_200_000L),
            "occurredAt: must be an ISO-8601 timestamp with offset, e.g. 2026-11-21T10:00:00.123Z"),
        broken(
            "occurredAt without offset",
            toolResult,
            root -> root.put("occurredAt", "2026-11-21T10:00:00"),
            "occurredAt: must be an ISO-8601 timestamp with offset, e.g. 2026-11-21T10:00:00.123Z"),
        broken("missing schema", toolResult, root -> root.remove("schema"), "schema: missing"),
        broken(
            "quoted schema",
            toolResult,
            root -> root.put("schema", "1"),
            "schema: must be an integer"),
        broken(
            "zero schema",
            toolResult,
            root -> root.put("schema", 0),
            "schema: must be a positive integer"),
        broken("missing data", toolResult, root -> root.remove("data"), "data: missing"),
        broken(
            "text data", toolResult, root -> root.put("data", "x"), "data: must be a JSON object"),
        broken(
            "missing data field",
            toolResult,
            root -> data(root).remove("callId"),
            "data.callId: missing"),
        broken(
            "zero seq",
            toolResult,
            root -> data(root).put("seq", 0),
            "data.seq: must be a positive integer"),
        broken(
            "quoted seq",
            toolResult,
            root -> data(root).put("seq", "4"),
            "data.seq: must be an integer"),
        broken(
            "fractional seq",
            toolResult,
            root -> data(root).put("seq", 1.5),
            "data.seq: must be an integer"),
        broken(
            "quoted boolean",
            toolResult,
            root -> data(root).put("ok", "false"),
            "data.ok: must be true or false"),
        broken(
            "bad runId",
            toolResult,
            root -> data(root).put("runId", "run-1"),
            "data.runId: must be a UUID"),
        broken(
            "invalid step outcome",
            step,
            root -> data(root).put("outcome", "error"),
            "data.outcome: must be one of [ok, failed, skipped]"),
        broken(
            "uppercase run outcome",
            sample(RunFinished.class),
            root -> data(root).put("outcome", "COMPLETED"),
            "data.outcome: must be one of [completed, failed, timed_out, cancelled, stalled]"),
        broken(
            "evidence not an object",
            step,
            root -> data(root).put("evidence", "head=5e1d"),
            "data.evidence: must be a JSON object"),
        broken(
            "nested missing field",
            task,
            root -> ((ObjectNode) root.at("/data/modelProfile")).remove("name"),
            "data.modelProfile.name: missing"),
        broken(
            "list item missing field",
            task,
            root -> ((ObjectNode) root.at("/data/fallbackProfiles/0")).remove("model"),
            "data.fallbackProfiles[0].model: missing"),
        broken(
            "list item not an object",
            task,
            root -> ((ArrayNode) root.at("/data/fallbackProfiles")).add(3),
            "data.fallbackProfiles[1]: must be a JSON object"),
        broken(
            "list not an array",
            task,
            root -> data(root).put("fallbackProfiles", "fallback"),
            "data.fallbackProfiles: must be a JSON array"),
        broken(
            "nested range violation",
            task,
            root -> ((ObjectNode) root.at("/data/timeouts")).put("runSeconds", 0),
            "data.timeouts.runSeconds: must be a positive integer"),
        broken(
            "nested quoted boolean",
            task,
            root -> ((ObjectNode) root.at("/data/capabilities")).put("browser", "yes"),
            "data.capabilities.browser: must be true or false"));
  }

  private static Arguments broken(
      String name, MessageData sample, Consumer<ObjectNode> damage, String message) {
    return Arguments.of(name, sample, damage, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRecords")
  void shouldRejectMalformedRecordNamingTheField(
      String name, MessageData sample, Consumer<ObjectNode> damage, String message)
      throws Exception {
    ObjectNode tree = encodedTree(sample);
    damage.accept(tree);

    assertThatThrownBy(() -> EnvelopeCodec.decode(tree.toString()))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "truncated | `{\"eventId\": ` | envelope: not valid JSON at line 1, column 13",
        "not an object | [] | envelope: must be a JSON object",
        "trailing garbage | `{} x` | envelope: not valid JSON at line 1, column 4",
        "empty | `` | envelope: empty input",
      })
  void shouldRejectInputThatIsNotAJsonObject(String name, String input, String message) {
    assertThatThrownBy(() -> EnvelopeCodec.decode(input == null ? "" : input))
        .isInstanceOf(MessageFormatException.class)
        .hasMessage(message);
  }

  @Test
  void shouldNotEchoTheOffendingValueInTheMessage() throws Exception {
    String secretLooking = "ghp_" + "Q9w8".repeat(9);
    ObjectNode tree = encodedTree(SampleMessages.toolResult());
    tree.put("clawId", secretLooking);

    assertThatThrownBy(() -> EnvelopeCodec.decode(tree.toString()))
        .hasMessage("clawId: must be a UUID");
    assertThatThrownBy(() -> EnvelopeCodec.decode("{\"clawId\": " + secretLooking + "}"))
        .hasMessageNotContaining(secretLooking);
  }

  private static MessageData sample(Class<? extends MessageData> type) {
    return SampleMessages.all().stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  private static ObjectNode data(ObjectNode root) {
    return (ObjectNode) root.get("data");
  }

  @Test
  void shouldLetServicesBindRecordsWithTheSharedMapper() throws Exception {
    TaskDispatched task = SampleMessages.task();

    String written = json.writeValueAsString(task);

    assertThat(json.readValue(written, TaskDispatched.class)).isEqualTo(task);
  }

  private ObjectNode encodedTree(MessageData data) throws Exception {
    return (ObjectNode) json.readTree(EnvelopeCodec.encode(Envelope.of(CLAW_ID, "test", data)));
  }

  private static List<String> fieldNamesOf(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
