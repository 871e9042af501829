package io.clawops.provisioner.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds claw request bodies: a valid minimal one, changed field by field by each test. */
public final class ClawRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode body;

  private ClawRequests(ObjectNode body) {
    this.body = body;
  }

  /** A valid request with a fresh workflowRunId, one model profile and no repositories. */
  public static ClawRequests valid() {
    ObjectNode body = JSON.createObjectNode();
    body.put("workflowRunId", "wf-" + UUID.randomUUID());
    body.put("runtime", "probe");
    body.put("prompt", "Fix the failing build.");
    body.putArray("repositories");
    body.putArray("modelProfiles")
        .addObject()
        .put("name", "primary")
        .put("model", "minimax-m2")
        .put("idleTimeoutSeconds", 120);
    return new ClawRequests(body);
  }

  /** Adds a repository; {@code credentialRef} may be null. */
  public ClawRequests repository(String url, String path, boolean required, String credentialRef) {
    ObjectNode repository = repositories().addObject().put("url", url).put("path", path);
    repository.put("required", required);
    if (credentialRef != null) {
      repository.put("credentialRef", credentialRef);
    }
    return this;
  }

  /** Adds a required repository without credential. */
  public ClawRequests repository(String url, String path) {
    return repository(url, path, true, null);
  }

  /** The body as a tree, for the changes no builder method covers. */
  public ObjectNode tree() {
    return body;
  }

  public String workflowRunId() {
    return body.get("workflowRunId").textValue();
  }

  public String json() {
    return body.toString();
  }

  private ArrayNode repositories() {
    return (ArrayNode) body.get("repositories");
  }
}
