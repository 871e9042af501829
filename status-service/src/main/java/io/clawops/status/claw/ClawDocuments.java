package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.codec.EnvelopeCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A claw's state document as JSON, for PostgreSQL and for {@link ClawSnapshot}: one canonical text
 * per state (fields in declaration order, maps in insertion order), so equal states are equal text.
 * A null field of the state's own classes is left out ({@code NON_NULL}): every field of theirs
 * that may be null starts as null, so it reads back the same, and the document the fold writes for
 * each claw in each round is a quarter shorter (DESIGN §9).
 */
public final class ClawDocuments {

  private static final ObjectMapper MAPPER =
      EnvelopeCodec.mapper()
          // The state classes are public-field holders whose isX() helpers are derived, not data.
          .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          // Documents written by a newer version may carry fields this one does not know.
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ClawDocuments() {}

  public static String write(ClawState state) {
    try {
      return MAPPER.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize claw " + state.clawId, e);
    }
  }

  public static ClawState read(String json) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree instanceof ObjectNode document && !document.has("causes")) {
        upgrade(document);
      }
      return MAPPER.treeToValue(tree, ClawState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not read a stored claw document", e);
    }
  }

  /**
   * A document written before the cause ledger: each run kept its own causes and the claw a
   * separate failure history. They become one ledger, each failure once; a stored recovery is
   * dropped, since it is now derived.
   */
  private static void upgrade(ObjectNode document) {
    List<ObjectNode> ledger = new ArrayList<>();
    List<JsonNode> failures = new ArrayList<>();
    document.path("failures").forEach(failures::add);
    for (JsonNode run : document.path("runs")) {
      for (JsonNode cause : run.path("causes")) {
        ObjectNode entry = cause.deepCopy();
        entry.put("attempt", run.path("attempt").asInt());
        entry.set("runId", run.get("runId"));
        entry.put("failure", removeMatching(failures, cause));
        ledger.add(entry);
      }
      if (run instanceof ObjectNode stored && !run.path("pinnedCause").isNull()) {
        for (JsonNode cause : run.path("causes")) {
          if (cause.path("code").equals(run.path("pinnedCause"))) {
            stored.set("pinnedMessage", cause.path("message"));
            break;
          }
        }
      }
    }
    for (JsonNode failure : failures) {
      // A failure of the claw itself (bootstrap, provision deadline), or one no run kept.
      ObjectNode entry = MAPPER.createObjectNode();
      entry.set("code", failure.get("code"));
      entry.set("message", failure.get("message"));
      entry.set("at", failure.get("at"));
      entry.put("attempt", 0);
      entry.set("runId", failure.get("runId"));
      entry.put("failure", true);
      ledger.add(entry);
    }
    ledger.sort(Comparator.comparing(entry -> entry.path("at").asText()));
    ArrayNode causes = document.putArray("causes");
    ledger.forEach(causes::add);
  }

  private static boolean removeMatching(List<JsonNode> failures, JsonNode cause) {
    for (int i = 0; i < failures.size(); i++) {
      JsonNode failure = failures.get(i);
      if (failure.path("code").equals(cause.path("code"))
          && failure.path("at").equals(cause.path("at"))) {
        failures.remove(i);
        return true;
      }
    }
    return false;
  }
}
