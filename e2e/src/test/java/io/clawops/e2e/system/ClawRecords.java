package io.clawops.e2e.system;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads parts of a claw record as {@code GET /api/claws/{id}} serves it. */
public final class ClawRecords {

  private ClawRecords() {}

  /** The text at a JSON pointer, or null when the field is absent or null. */
  public static String text(JsonNode claw, String pointer) {
    JsonNode node = claw.at(pointer);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** The condition of {@code type} (WorkspaceReady, RunnerConnected, …). */
  public static JsonNode condition(JsonNode claw, String type) {
    return find(claw.get("conditions"), "type", type, claw);
  }

  /** The bootstrap checklist step named {@code step}. */
  public static JsonNode step(JsonNode claw, String step) {
    return find(claw.get("bootstrap"), "step", step, claw);
  }

  private static JsonNode find(JsonNode items, String field, String value, JsonNode claw) {
    for (JsonNode item : items) {
      if (item.path(field).asText().equals(value)) {
        return item;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + claw);
  }
}
