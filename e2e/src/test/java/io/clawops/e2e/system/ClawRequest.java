package io.clawops.e2e.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * The body of a {@code POST /api/claws}: a sim-agent scenario with timings short enough for an
 * end-to-end suite (DESIGN §10 defaults are hours; here a run lasts seconds).
 */
public final class ClawRequest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode body = JSON.createObjectNode();
  private final ArrayNode repositories = body.putArray("repositories");
  private final ArrayNode profiles = body.putArray("modelProfiles");
  private final ObjectNode timeouts = body.putObject("timeouts");

  private ClawRequest(String scenario) {
    body.put("workflowRunId", "e2e-" + UUID.randomUUID());
    body.put("runtime", "sim");
    body.put("prompt", "scenario: " + scenario + "\nInstall the project and run its tests.\n");
    body.putObject("capabilities").put("elevatedExec", false).put("browser", false);
    timeouts
        .put("provisionSeconds", 60)
        .put("runSeconds", 20)
        .put("idleSeconds", 5)
        .put("toolIdleSeconds", 10)
        .put("heartbeatSeconds", 2);
    body.put("maxAttempts", 3);
  }

  /** A claw whose agent plays {@code scenario} (name and parameters, see sim-agent/README.md). */
  public static ClawRequest scenario(String scenario) {
    return new ClawRequest(scenario);
  }

  /** Puts the claw into this workflow run (several claws of one run, e.g. to filter on it). */
  public ClawRequest workflowRunId(String workflowRunId) {
    body.put("workflowRunId", workflowRunId);
    return this;
  }

  public ClawRequest prompt(String prompt) {
    body.put("prompt", prompt);
    return this;
  }

  public ClawRequest repository(String url, String path, boolean required) {
    repositories.addObject().put("url", url).put("path", path).put("required", required);
    return this;
  }

  public ClawRequest repository(String url, String path, String credentialRef) {
    repositories
        .addObject()
        .put("url", url)
        .put("path", path)
        .put("required", true)
        .put("credentialRef", credentialRef);
    return this;
  }

  /** Adds a model profile; the first is the primary, the others fallbacks in order. */
  public ClawRequest modelProfile(String name, String model) {
    profiles.addObject().put("name", name).put("model", model).put("idleTimeoutSeconds", 60);
    return this;
  }

  public ClawRequest timeout(String name, int seconds) {
    timeouts.put(name, seconds);
    return this;
  }

  public String workflowRunId() {
    return body.get("workflowRunId").asText();
  }

  /** The JSON body; a primary profile {@code primary}/{@code sim-primary} unless one was added. */
  public String toJson() {
    ObjectNode copy = body.deepCopy();
    if (profiles.isEmpty()) {
      ((ArrayNode) copy.get("modelProfiles"))
          .addObject()
          .put("name", "primary")
          .put("model", "sim-primary")
          .put("idleTimeoutSeconds", 60);
    }
    return copy.toString();
  }
}
