package io.clawops.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The {@code data} of a record whose type or schema this build does not know: kept raw so it can be
 * recorded in the timeline and re-encoded unchanged, never interpreted.
 */
public record UnknownData(String type, JsonNode raw) implements MessageData {

  public UnknownData {
    Require.nonBlank(type, "type");
    raw = raw == null || raw.isMissingNode() ? NullNode.instance : raw;
  }
}
