package io.clawops.status.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.TimelineEntry;
import java.util.List;
import java.util.UUID;

/**
 * The final records of a replay as every delivery order must leave them: what the input decides,
 * without the fields that record when and how often the service wrote or decided.
 */
final class FinalRecords {

  /**
   * Fields of the stored document that record when and how often the service wrote rather than what
   * the input decides, left out when variants are compared: {@code updatedAt} (the clock at the
   * last write: a record delivered again at the end is written at the end), {@code version} and
   * {@code timelineLines} (how many writes and lines: a duplicate is a write), {@code statusSince}
   * and {@code publishedConnection} (the connection as classified at the last write: a late write
   * finds the heartbeat older), {@code decisions} (how many timer ticks fired: a heartbeat moved
   * later lets a liveness timer fall due first).
   */
  static final List<String> WRITE_TIMING =
      List.of(
          "updatedAt",
          "version",
          "timelineLines",
          "statusSince",
          "publishedConnection",
          "decisions");

  /** The same of the REST view: when it was last written and since when in its status. */
  static final List<String> VIEW_WRITE_TIMING = List.of("updatedAt", "statusSince");

  /**
   * What every delivery order must agree on, per claw: the stored document and the REST view
   * without {@link #WRITE_TIMING} (every decided time included: the reducer decides a record at its
   * own time, whenever it is folded), the commands and tasks published in their order, the statuses
   * published one after the other, and the timeline without its status lines.
   */
  static JsonNode of(Fixture fixture, ReplayDriver.Replayed replayed) {
    ObjectNode records = Canonical.JSON.createObjectNode();
    for (UUID clawId : fixture.claws()) {
      ReplayDriver.ClawReplay claw = replayed.claws().get(clawId);
      ObjectNode node = records.putObject(clawId.toString());
      if (claw == null) {
        continue;
      }
      ObjectNode document = (ObjectNode) Canonical.parse(claw.document());
      document.remove(WRITE_TIMING);
      node.set("document", document);
      ObjectNode view = Canonical.JSON.valueToTree(claw.view());
      view.remove(VIEW_WRITE_TIMING);
      node.set("view", view);
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
        if (!entry.type().equals(StatusChanged.TYPE)) {
          timeline.add(Golden.line(entry));
        }
      }
    }
    return Canonical.mint(records, fixture.inputIds());
  }

  private FinalRecords() {}
}
