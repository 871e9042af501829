package io.clawops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.e2e.system.ClawRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the fold decided for a claw, without what differs between two runs of the same scenario
 * anyway (ids, times, which runner), so that two claws' records can be compared for equality.
 */
final class RecordShape {

  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A runner's id: any name after "claimed by", and the default runner-… names elsewhere. */
  private static final Pattern RUNNER = Pattern.compile("(?<=claimed by )\\S+|runner-[a-z0-9]+");

  private RecordShape() {}

  /** The record's dimensions, one line each. */
  static List<String> of(JsonNode claw) {
    List<String> shape = new ArrayList<>();
    for (String field :
        List.of("status", "statusReason", "statusMessage", "retryable", "lifecycle")) {
      shape.add(field + "=" + claw.path(field).asText());
    }
    shape.add("lastFailure=" + ClawRecords.text(claw, "/lastFailure/code"));
    shape.add("failures=" + claw.get("failures").size());
    shape.add("hubMessages=" + claw.get("hubMessages").size());
    shape.add("capabilities=" + claw.get("capabilities"));
    claw.get("bootstrap")
        .forEach(
            step -> shape.add("step " + step.get("step").asText() + " " + step.get("outcome")));
    for (JsonNode condition : claw.get("conditions")) {
      // RunnerConnected reflects the age of the last heartbeat at the time of the read.
      if (!"RunnerConnected".equals(condition.get("type").asText())) {
        shape.add("condition " + condition.get("type").asText() + " " + condition.get("status"));
      }
    }
    for (JsonNode run : claw.get("runs")) {
      shape.add(
          "run "
              + run.get("attempt")
              + " outcome="
              + run.get("outcome")
              + " pinned="
              + run.get("pinnedCause")
              + " causes="
              + run.get("causes").size());
    }
    return shape;
  }

  /**
   * The timeline as a sorted multiset, one line per applied event: a lost event is a missing line,
   * a twice-applied one a line too many. Status changes are left out: how many a claw goes through
   * depends on how its events were batched, not on whether they were applied.
   */
  static List<String> timeline(List<JsonNode> entries) {
    return entries.stream()
        .filter(entry -> !"status.changed".equals(entry.get("type").asText()))
        .map(
            entry ->
                entry.get("type").asText()
                    + " attempt="
                    + entry.get("attempt")
                    + " stale="
                    + entry.get("stale")
                    + " "
                    + normalize(entry.get("summary").asText()))
        .sorted()
        .toList();
  }

  private static String normalize(String summary) {
    return RUNNER.matcher(ID.matcher(summary).replaceAll("<id>")).replaceAll("<runner>");
  }
}
