package io.clawops.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 digests for tool inputs and outputs, so the loop detector compares calls without storing
 * what the agent sent (which may hold secrets or prompt text).
 */
public final class Digests {

  private static final ObjectMapper WRITER = new ObjectMapper();

  private Digests() {}

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  /**
   * SHA-256 of the canonical form of {@code json}: compact, object keys sorted recursively, so the
   * same input in another key order has the same digest. Null is digested as JSON null. Numbers
   * keep their written form ({@code 1} and {@code 1.0} differ).
   */
  public static String canonicalSha256(JsonNode json) {
    try {
      return sha256(WRITER.writeValueAsString(canonical(json)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode canonical(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(field -> sorted.put(field.getKey(), canonical(field.getValue())));
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      sorted.forEach(result::set);
      return result;
    }
    if (node.isArray()) {
      var result = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(item -> result.add(canonical(item)));
      return result;
    }
    return node;
  }
}
