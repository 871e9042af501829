package io.clawops.status.replay;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.TimelineEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The golden record of a story: per claw, the record as {@code GET /api/claws/{id}} shows it at the
 * end, every record status-service published, every timeline line and every action's answer, as the
 * rules make them of the fixture delivered as recorded. Reviewed by hand once: its {@code proves}
 * says what the story proves.
 *
 * <p>Nothing is normalized: the reducer mints every id from its cause and takes every time from the
 * records or the replay clock, so the golden holds the published envelopes whole ({@code eventId},
 * {@code occurredAt} and all), byte for byte what the outbox would hold.
 */
final class Golden {

  /** Set to {@code true} to rewrite the golden files from what the rules make now. */
  static final String UPDATE = "clawops.replay.update";

  static final String UNREVIEWED = "TODO: review this golden record by hand and say what it proves";

  private static final String NORMALIZED =
      "nothing: ids are derived from their cause and times from the records and the replay clock";

  private Golden() {}

  static Path file(Fixture fixture) {
    return Fixture.FOLDER.resolve(fixture.story() + ".golden.json");
  }

  /** The golden tree of a replay, with {@code proves} as given. */
  static JsonNode of(Fixture fixture, ReplayDriver.Replayed replayed, String proves) {
    ObjectNode golden = Canonical.JSON.createObjectNode();
    golden.put("story", fixture.story());
    golden.put("proves", proves);
    golden.put("recordedBy", fixture.test());
    ObjectNode inputs = golden.putObject("inputs");
    inputs.put("records", fixture.records().size());
    inputs.put("actions", fixture.actions().size());
    inputs.put("claws", fixture.claws().size());
    golden.put("normalized", NORMALIZED);
    ArrayNode deadLetters = golden.putArray("deadLetters");
    replayed.deadLetters().forEach(deadLetters::add);
    ArrayNode claws = golden.putArray("claws");
    for (UUID clawId : fixture.claws()) {
      ReplayDriver.ClawReplay claw = replayed.claws().get(clawId);
      ObjectNode node = claws.addObject();
      node.put("clawId", clawId.toString());
      if (claw == null) {
        node.put("record", "status-service never saw this claw");
        continue;
      }
      node.set("record", Canonical.JSON.valueToTree(claw.view()));
      ArrayNode published = node.putArray("published");
      for (Effects.Outgoing outgoing : claw.published()) {
        published.add(envelope(outgoing));
      }
      ArrayNode decisions = node.putArray("decisions");
      Decisions.replayed(claw.published()).forEach(decisions::add);
      ObjectNode live = node.putObject("live");
      ArrayNode liveDecisions = live.putArray("decisions");
      Decisions.live(fixture, clawId).forEach(liveDecisions::add);
      ArrayNode liveStatuses = live.putArray("statuses");
      Decisions.liveStatuses(fixture, clawId).forEach(liveStatuses::add);
      LiveIds ids = new LiveIds(fixture);
      claw.published().forEach(ids::published);
      ArrayNode handedOver = node.putArray("liveIdsHandedOver");
      ids.pairs().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(
              pair ->
                  handedOver.addObject().put("live", pair.getKey()).put("replay", pair.getValue()));
      ArrayNode timeline = node.putArray("timeline");
      claw.timeline().forEach(entry -> timeline.add(line(entry)));
      ArrayNode actions = node.putArray("actions");
      for (ReplayDriver.ActionAnswer answer : claw.actions()) {
        actions
            .addObject()
            .put("at", answer.at().toString())
            .put("action", answer.action())
            .put("liveAnswer", answer.recordedHttpStatus())
            .put(
                "replayAnswer",
                answer.result().accepted() ? "accepted" : "refused: " + answer.result().refusal());
      }
    }
    // Through text, as the file is read back: numbers compare by value, not by node type.
    return Canonical.parse(golden.toString());
  }

  /** A published record whole: its topic and its envelope as on the wire. */
  static ObjectNode envelope(Effects.Outgoing outgoing) {
    ObjectNode node = Canonical.JSON.createObjectNode();
    node.put("topic", outgoing.topic());
    node.set("envelope", Canonical.parse(EnvelopeCodec.encode(outgoing.envelope())));
    return node;
  }

  /**
   * A published record without its envelope's id and time: what delivery orders must agree on (a
   * heartbeat moved later changes how many timer ticks fired, and so the ids ticks mint).
   */
  static ObjectNode published(Effects.Outgoing outgoing) {
    ObjectNode node = Canonical.JSON.createObjectNode();
    node.put("topic", outgoing.topic());
    node.put("type", outgoing.envelope().type());
    node.set("data", Canonical.parse(EnvelopeCodec.encode(outgoing.envelope())).get("data"));
    return node;
  }

  static String line(TimelineEntry entry) {
    return line(entry.at().toString(), entry);
  }

  /** A timeline line with {@code at} for its time. */
  static String line(String at, TimelineEntry entry) {
    return at
        + " "
        + entry.type()
        + " attempt "
        + entry.attempt()
        + (entry.stale() ? " stale" : "")
        + ": "
        + entry.summary();
  }

  /** The golden file's tree, or null when there is none yet. */
  static JsonNode read(Fixture fixture) {
    Path file = file(fixture);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Canonical.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Fixture fixture, JsonNode golden) {
    try {
      // One array item a line: a reviewer reads the timeline and a diff shows the line that moved.
      DefaultIndenter lines = new DefaultIndenter("  ", "\n");
      String text =
          Canonical.JSON
                  .writer(
                      new DefaultPrettyPrinter().withObjectIndenter(lines).withArrayIndenter(lines))
                  .writeValueAsString(golden)
              + "\n";
      Files.writeString(file(fixture), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
