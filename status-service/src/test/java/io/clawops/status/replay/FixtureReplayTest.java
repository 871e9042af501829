package io.clawops.status.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.TimelineEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the end-to-end stories recorded in {@code src/test/resources/replay/<story>.jsonl}
 * through the rules ({@link ReplayDriver}) and compares with {@code <story>.golden.json}: as
 * recorded it must equal the golden record; every record delivered twice, and heartbeats moved
 * against the run events ({@link Deliveries}), it must end in the same final records.
 *
 * <p>{@code ./mvnw -pl status-service test -Dtest=FixtureReplayTest -Dclawops.replay.update=true}
 * rewrites the golden files from what the rules make now (keeping each one's {@code proves});
 * review the diff, and say in {@code proves} what a new story proves. The fixtures are recorded by
 * the e2e suite: {@code ./mvnw -pl e2e verify -Dit.test=... -Dclawops.record.fixtures=<this
 * folder>} (e2e's {@code FixtureRecorder}, tests marked {@code @RecordFixture}).
 */
class FixtureReplayTest {

  /**
   * Fields of the stored document that record when and how often the service wrote rather than what
   * the input decides, left out when variants are compared: {@code updatedAt} (the clock at the
   * last write: a record delivered again at the end is written at the end), {@code version} and
   * {@code timelineLines} (how many writes and lines: a duplicate is a write), {@code statusSince}
   * and {@code publishedConnection} (the connection as classified at the last write: a late write
   * finds the heartbeat older).
   */
  static final List<String> WRITE_TIMING =
      List.of("updatedAt", "version", "timelineLines", "statusSince", "publishedConnection");

  /** The same of the REST view: when it was last written and since when in its status. */
  static final List<String> VIEW_WRITE_TIMING = List.of("updatedAt", "statusSince");

  /**
   * Times the rules take from the fold's clock when they decide, rather than from the record that
   * decided: a corrective message's {@code at} ({@code Recoveries.inject}), a recovery's {@code
   * at}, and the {@code at} of the causes and failures the loop rules pin ({@link #DECIDED_CODES},
   * {@code LoopRules} → {@code Recoveries.cause(..., now, ...)}), with their timeline line. When
   * run events lag behind a heartbeat stamped later, they are folded later, and so decided later:
   * left out when variants are compared (the golden file compares them exactly).
   */
  static final List<String> DECIDED_CODES =
      List.of("platform.capability_missing", "platform.tool_loop");

  private static final String DECIDED_AT = "<fold clock>";

  /** Read once for every test of the class. */
  private static final List<Fixture> FIXTURES = Fixture.all();

  private static final Map<String, ReplayDriver.Replayed> AS_RECORDED = new ConcurrentHashMap<>();

  @Test
  void shouldHaveRecordedStoriesEachWithItsGoldenRecord() {
    List<Fixture> fixtures = FIXTURES;
    assertThat(fixtures).as("fixtures in %s", Fixture.FOLDER).hasSizeGreaterThanOrEqualTo(8);
    for (Fixture fixture : fixtures) {
      assertThat(fixture.records()).as("records of %s", fixture.story()).isNotEmpty();
      assertThat(Golden.file(fixture)).as("golden of %s", fixture.story()).exists();
    }
  }

  @TestFactory
  Stream<DynamicContainer> shouldFoldEachRecordedStoryToItsGoldenRecordInEveryDeliveryOrder() {
    return FIXTURES.stream()
        .map(
            fixture ->
                DynamicContainer.dynamicContainer(
                    fixture.story(),
                    Arrays.stream(Deliveries.values())
                        .filter(
                            variant ->
                                variant != Deliveries.SECRETS_UNREDACTED
                                    || Deliveries.redactedValues(fixture) > 0)
                        .map(
                            variant ->
                                DynamicTest.dynamicTest(
                                    variant.name().toLowerCase(), () -> check(fixture, variant)))));
  }

  /**
   * The replay is faithful: as recorded, it decides the commands and attempts the live service
   * decided when it lived through the same history.
   */
  @TestFactory
  Stream<DynamicTest> shouldDecideWhatTheLiveServiceDecided() {
    return FIXTURES.stream()
        .map(
            fixture ->
                DynamicTest.dynamicTest(
                    fixture.story(),
                    () -> {
                      ReplayDriver.Replayed replayed = asRecorded(fixture);
                      for (UUID clawId : fixture.claws()) {
                        assertThat(Decisions.replayed(replayed.claws().get(clawId).published()))
                            .as("decisions of the replay of %s for %s", fixture.story(), clawId)
                            .isEqualTo(Decisions.live(fixture, clawId));
                      }
                    }));
  }

  /** F10: nothing the rules wrote holds text the sanitizer would still redact. */
  @TestFactory
  Stream<DynamicTest> shouldKeepEveryGoldenRecordFreeOfSecrets() {
    return FIXTURES.stream()
        .map(
            fixture ->
                DynamicTest.dynamicTest(
                    fixture.story(),
                    () -> {
                      List<String> unsafe = new ArrayList<>();
                      texts(Golden.of(fixture, asRecorded(fixture), ""), unsafe);
                      assertThat(unsafe)
                          .as("texts of %s a sanitizer redacts", fixture.story())
                          .isEmpty();
                    }));
  }

  private static void check(Fixture fixture, Deliveries variant) {
    ReplayDriver.Replayed recorded = asRecorded(fixture);
    if (variant == Deliveries.AS_RECORDED) {
      compareWithGolden(fixture, recorded);
      return;
    }
    if (variant == Deliveries.HEARTBEATS_LATE || variant == Deliveries.HEARTBEATS_EARLY) {
      List<ReplayInput> recordedOrder = Deliveries.AS_RECORDED.of(fixture);
      long beats = recordedOrder.stream().filter(Deliveries::isHeartbeat).count();
      long moved = Deliveries.movedHeartbeats(recordedOrder, variant.of(fixture));
      System.out.printf(
          "replay %s %s: %d of %d heartbeats moved%n", fixture.story(), variant, moved, beats);
      if (beats > 0) {
        assertThat(moved).as("heartbeats %s moved", variant).isPositive();
      }
    }
    ReplayDriver.Replayed replayed = replay(fixture, variant);
    JsonNode expected = finalRecords(fixture, recorded);
    JsonNode actual = finalRecords(fixture, replayed);
    if (variant == Deliveries.SECRETS_UNREDACTED) {
      assertThat(variant.of(fixture).toString())
          .as("the inputs carry the credential again")
          .contains(Deliveries.FAKE_CREDENTIAL);
      assertThat(actual.toString() + Golden.of(fixture, replayed, ""))
          .as("what the rules made of %s with credentials in its inputs", fixture.story())
          .doesNotContain(Deliveries.FAKE_CREDENTIAL);
    }
    assertThat(Canonical.diff(expected, actual, 20))
        .as("%s delivered %s: where it ends other than as recorded", fixture.story(), variant)
        .isEmpty();
  }

  private static void compareWithGolden(Fixture fixture, ReplayDriver.Replayed replayed) {
    JsonNode stored = Golden.read(fixture);
    String proves = stored == null ? Golden.UNREVIEWED : stored.path("proves").asText();
    JsonNode actual = Golden.of(fixture, replayed, proves);
    if (Boolean.getBoolean(Golden.UPDATE) && (stored == null || !stored.equals(actual))) {
      Golden.write(fixture, actual);
      stored = actual;
    }
    assertThat(stored)
        .as("%s: no golden file; run with -D%s=true", Golden.file(fixture), Golden.UPDATE)
        .isNotNull();
    assertThat(Canonical.diff(stored, actual, 30))
        .as(
            "%s differs from what the rules make of %s.jsonl (-D%s=true rewrites it)",
            Golden.file(fixture), fixture.story(), Golden.UPDATE)
        .isEmpty();
    assertThat(proves)
        .as("%s: say what the story proves", Golden.file(fixture))
        .isNotBlank()
        .isNotEqualTo(Golden.UNREVIEWED);
  }

  /**
   * What every delivery order must agree on, per claw: the stored document and the REST view
   * without {@link #WRITE_TIMING} and with {@link #DECIDED_CODES} times masked, the commands and
   * tasks published in their order, the statuses published one after the other, and the timeline
   * without its status lines.
   */
  static JsonNode finalRecords(Fixture fixture, ReplayDriver.Replayed replayed) {
    ObjectNode records = Canonical.JSON.createObjectNode();
    for (UUID clawId : fixture.claws()) {
      ReplayDriver.ClawReplay claw = replayed.claws().get(clawId);
      ObjectNode node = records.putObject(clawId.toString());
      if (claw == null) {
        continue;
      }
      ObjectNode document = (ObjectNode) Canonical.parse(claw.document());
      document.remove(WRITE_TIMING);
      node.set("document", withoutDecidedAt(document));
      ObjectNode view = Canonical.JSON.valueToTree(claw.view());
      view.remove(VIEW_WRITE_TIMING);
      node.set("view", withoutDecidedAt(view));
      ArrayNode actions = node.putArray("commandsAndTasks");
      ArrayNode statuses = node.putArray("statuses");
      for (Effects.Outgoing outgoing : claw.published()) {
        if (!outgoing.topic().equals(Topics.STATUS)) {
          actions.add(Golden.published(outgoing));
        } else if (outgoing.envelope().data() instanceof StatusChanged changed) {
          String status = changed.status().wire();
          if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).asText().equals(status)) {
            statuses.add(status);
          }
        }
      }
      ArrayNode timeline = node.putArray("timeline");
      for (TimelineEntry entry : claw.timeline()) {
        if (entry.type().equals("hub_message")) {
          timeline.add(Golden.line(DECIDED_AT, entry));
        } else if (!entry.type().equals(StatusChanged.TYPE)) {
          timeline.add(Golden.line(entry));
        }
      }
    }
    return Canonical.mint(records, fixture.inputIds());
  }

  /** {@code node} with the {@code at} of what the rules decided at the fold's clock masked. */
  private static ObjectNode withoutDecidedAt(ObjectNode node) {
    node.path("hubMessages").forEach(message -> ((ObjectNode) message).put("at", DECIDED_AT));
    if (node.get("recovery") instanceof ObjectNode recovery) {
      recovery.put("at", DECIDED_AT);
    }
    maskDecided(node);
    return node;
  }

  /** Every object below {@code node} with a decided {@code code} gets its {@code at} masked. */
  private static void maskDecided(JsonNode node) {
    if (node instanceof ObjectNode object
        && DECIDED_CODES.contains(object.path("code").asText())
        && object.has("at")) {
      object.put("at", DECIDED_AT);
    }
    node.forEach(FixtureReplayTest::maskDecided);
  }

  private static ReplayDriver.Replayed asRecorded(Fixture fixture) {
    return AS_RECORDED.computeIfAbsent(
        fixture.story(), story -> replay(fixture, Deliveries.AS_RECORDED));
  }

  private static ReplayDriver.Replayed replay(Fixture fixture, Deliveries variant) {
    return Replay.run(fixture, variant);
  }

  private static void texts(JsonNode node, List<String> unsafe) {
    if (node.isTextual()) {
      String text = node.asText();
      if (!Sanitizer.redactSecrets(text).equals(text)) {
        unsafe.add(text);
      }
    }
    node.forEach(child -> texts(child, unsafe));
  }
}
