package io.clawops.status.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.sanitize.Sanitizer;
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
 * recorded it must equal the golden record and decide what the live service decided; every record
 * delivered twice, heartbeats moved against the run events, and the producers' redaction undone
 * ({@link Deliveries}), it must end in the same final records ({@link FinalRecords}).
 *
 * <p>{@code ./mvnw -pl status-service test -Dtest=FixtureReplayTest -Dclawops.replay.update=true}
 * rewrites the golden files from what the rules make now (keeping each one's {@code proves});
 * review the diff, and say in {@code proves} what a new story proves. The fixtures are recorded by
 * the e2e suite: {@code ./mvnw -pl e2e verify -Dit.test=... -Dclawops.record.fixtures=<this
 * folder>} (e2e's {@code FixtureRecorder}, tests marked {@code @RecordFixture}).
 */
class FixtureReplayTest {

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
      long moved = HeartbeatMoves.moved(recordedOrder, variant.of(fixture));
      System.out.printf(
          "replay %s %s: %d of %d heartbeats moved%n", fixture.story(), variant, moved, beats);
      if (beats > 0) {
        assertThat(moved).as("heartbeats %s moved", variant).isPositive();
      }
    }
    ReplayDriver.Replayed replayed = replay(fixture, variant);
    JsonNode expected = FinalRecords.of(fixture, recorded);
    JsonNode actual = FinalRecords.of(fixture, replayed);
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
    if (Boolean.getBoolean(Golden.UPDATE)) {
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
