package io.clawops.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.sanitize.Sanitizer;
import java.time.Instant;

/**
 * {@code bootstrap.requested}: the provisioner accepted a claw and starts its checklist.
 *
 * <p>{@code spec} is the create request with secrets removed (the provisioner's job); absent or
 * null becomes an empty object. {@code workflowRunId} may be null.
 */
public record BootstrapRequested(String workflowRunId, JsonNode spec, Instant deadlineAt)
    implements MessageData {

  public static final String TYPE = "bootstrap.requested";

  public BootstrapRequested {
    if (spec == null || spec.isNull() || spec.isMissingNode()) {
      spec = JsonNodeFactory.instance.objectNode();
    } else {
      spec = sanitized(spec);
    }
    Require.present(deadlineAt, "deadlineAt");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * A copy of {@code node} whose every text is sanitized (F10): a credential pasted into any field
   * of a request (a runtime, a credentialRef, a token in a URL's query) must not be published.
   */
  private static JsonNode sanitized(JsonNode node) {
    if (node.isTextual()) {
      String text = node.asText();
      String clean = Sanitizer.sanitize(text);
      return clean.equals(text) ? node : JsonNodeFactory.instance.textNode(clean);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.fields()
          .forEachRemaining(field -> copy.set(field.getKey(), sanitized(field.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(sanitized(item)));
      return copy;
    }
    return node;
  }
}
