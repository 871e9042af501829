package io.clawops.status.claw;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.message.Capabilities;

/** Reads what the status record needs from a bootstrap request's {@code spec}. */
final class SpecReader {

  private SpecReader() {}

  /** The capabilities the claw was requested with, or null when the spec does not say. */
  static Capabilities capabilities(JsonNode spec) {
    JsonNode node = spec == null ? null : spec.get("capabilities");
    if (node == null || !node.isObject()) {
      return null;
    }
    return new Capabilities(
        node.path("elevatedExec").asBoolean(false),
        node.path("browser").asBoolean(false),
        node.path("fileTools").asBoolean(true),
        node.path("processTools").asBoolean(true));
  }
}
