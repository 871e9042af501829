package io.clawops.status.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clawops.contracts.codec.EnvelopeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Turns replay results into JSON that can be compared: ids the rules minted become numbered
 * placeholders, and a structural diff says where two trees differ.
 */
final class Canonical {

  static final ObjectMapper JSON = EnvelopeCodec.mapper();

  private Canonical() {}

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of {@code node} in which every UUID the inputs do not name is {@code <minted-N>}, N
   * counting distinct minted ids in the order they first appear (field names included), as read
   * back from its JSON text.
   */
  static JsonNode mint(JsonNode node, Set<String> inputIds) {
    // Written and read again: numbers compare as in a file (a long 1 equals an int 1).
    return parse(new Minter(inputIds).copy(node).toString());
  }

  /** The first {@code limit} paths at which {@code expected} and {@code actual} differ. */
  static List<String> diff(JsonNode expected, JsonNode actual, int limit) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    if (out.size() > limit) {
      int more = out.size() - limit;
      out = new ArrayList<>(out.subList(0, limit));
      out.add("... and " + more + " more");
    }
    return out;
  }

  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
      Set<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        diff(path + "/" + key, expected.get(key), actual.get(key), out);
      }
      return;
    }
    if (expected != null && actual != null && expected.isArray() && actual.isArray()) {
      int common = Math.min(expected.size(), actual.size());
      for (int i = 0; i < common; i++) {
        diff(path + "/" + i, expected.get(i), actual.get(i), out);
      }
      for (int i = common; i < expected.size(); i++) {
        out.add(path + "/" + i + ": expected " + shorten(expected.get(i)) + ", missing");
      }
      for (int i = common; i < actual.size(); i++) {
        out.add(path + "/" + i + ": unexpected " + shorten(actual.get(i)));
      }
      return;
    }
    if (expected == null ? actual != null : !expected.equals(actual)) {
      out.add(path + ": expected " + shorten(expected) + ", got " + shorten(actual));
    }
  }

  private static String shorten(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() > 240 ? text.substring(0, 240) + "…" : text;
  }

  /** Numbers minted ids as they are met. */
  private static final class Minter {

    private final Set<String> inputIds;
    private final Map<String, String> minted = new LinkedHashMap<>();

    Minter(Set<String> inputIds) {
      this.inputIds = inputIds;
    }

    JsonNode copy(JsonNode node) {
      if (node.isTextual()) {
        return TextNode.valueOf(text(node.asText()));
      }
      if (node instanceof ObjectNode object) {
        ObjectNode copy = object.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          copy.set(text(field.getKey()), copy(field.getValue()));
        }
        return copy;
      }
      if (node instanceof ArrayNode array) {
        ArrayNode copy = array.arrayNode();
        array.forEach(item -> copy.add(copy(item)));
        return copy;
      }
      return node;
    }

    private String text(String text) {
      Matcher ids = Fixture.UUID_TEXT.matcher(text);
      StringBuilder out = new StringBuilder();
      while (ids.find()) {
        String id = ids.group();
        String replacement =
            inputIds.contains(id)
                ? id
                : minted.computeIfAbsent(id, m -> "<minted-" + (minted.size() + 1) + ">");
        ids.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      return ids.appendTail(out).toString();
    }
  }
}
