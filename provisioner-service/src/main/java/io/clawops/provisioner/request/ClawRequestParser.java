package io.clawops.provisioner.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.support.rest.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed {@code POST /api/claws} body into a {@link ClawRequest}, or reports every invalid
 * field at once. Unknown fields are rejected at every level, so a typo ({@code "timeout"}) fails
 * loudly instead of silently running with a default.
 */
public final class ClawRequestParser {

  private static final Set<String> FIELDS =
      Set.of(
          "workflowRunId",
          "runtime",
          "prompt",
          "repositories",
          "capabilities",
          "modelProfiles",
          "timeouts",
          "maxAttempts");
  private static final Set<String> CAPABILITIES =
      Set.of("elevatedExec", "browser", "fileTools", "processTools");
  private static final Set<String> PROFILE_FIELDS = Set.of("name", "model", "idleTimeoutSeconds");
  private static final Set<String> TIMEOUT_FIELDS =
      Set.of(
          "provisionSeconds", "runSeconds", "idleSeconds", "toolIdleSeconds", "heartbeatSeconds");

  private static final int ID_MAX = 200;
  private static final int PROMPT_MAX = 200_000;
  private static final int SECONDS_MAX = 7 * 24 * 3600;
  private static final int ATTEMPTS_MAX = 20;
  private static final int PROFILES_MAX = 10;

  private ClawRequestParser() {}

  /**
   * The request in {@code body}.
   *
   * @throws InvalidClawRequestException naming every invalid field
   */
  public static ClawRequest parse(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    FieldReader root = FieldReader.of(body, "", errors);
    if (root == null) {
      throw new InvalidClawRequestException(errors);
    }
    root.rejectUnknown(FIELDS, "is not a field of a claw request");
    String workflowRunId = root.requiredText("workflowRunId", ID_MAX);
    String runtime = root.name("runtime", true);
    // The prompt travels in the task and is stored with it: its secrets are redacted, the rest of
    // it (lines, layout) reaches the agent as given.
    String prompt = Sanitizer.redactSecrets(root.requiredText("prompt", PROMPT_MAX));
    List<RepositoryRequest> repositories = RepositoriesParser.parse(root, errors);
    Capabilities capabilities = capabilities(root, errors);
    List<ModelProfile> profiles = modelProfiles(root, errors);
    ClawTimeouts timeouts = timeouts(root, errors);
    int maxAttempts =
        root.positiveInt("maxAttempts", ClawRequest.DEFAULT_MAX_ATTEMPTS, ATTEMPTS_MAX);
    if (!errors.isEmpty()) {
      throw new InvalidClawRequestException(errors);
    }
    return new ClawRequest(
        workflowRunId,
        runtime,
        prompt,
        repositories,
        capabilities,
        profiles,
        timeouts,
        maxAttempts);
  }

  private static Capabilities capabilities(FieldReader root, List<FieldError> errors) {
    JsonNode node = root.node("capabilities");
    if (node == null) {
      return ClawRequest.DEFAULT_CAPABILITIES;
    }
    FieldReader caps = FieldReader.of(node, root.pathOf("capabilities"), errors);
    if (caps == null) {
      return ClawRequest.DEFAULT_CAPABILITIES;
    }
    caps.rejectUnknown(CAPABILITIES, "is not a known capability (" + known(CAPABILITIES) + ")");
    Capabilities defaults = ClawRequest.DEFAULT_CAPABILITIES;
    return new Capabilities(
        caps.bool("elevatedExec", defaults.elevatedExec()),
        caps.bool("browser", defaults.browser()),
        caps.bool("fileTools", defaults.fileTools()),
        caps.bool("processTools", defaults.processTools()));
  }

  private static List<ModelProfile> modelProfiles(FieldReader root, List<FieldError> errors) {
    if (root.node("modelProfiles") == null) {
      root.error("modelProfiles", "is required");
      return List.of();
    }
    List<JsonNode> items = root.array("modelProfiles");
    if (items.isEmpty() || items.size() > PROFILES_MAX) {
      root.error("modelProfiles", "must hold 1 to " + PROFILES_MAX + " profiles");
      return List.of();
    }
    List<ModelProfile> profiles = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = FieldReader.of(items.get(i), "modelProfiles[" + i + "]", errors);
      if (item == null) {
        continue;
      }
      item.rejectUnknown(PROFILE_FIELDS, "is not a field of a model profile");
      String name = item.name("name", true);
      String model = item.requiredText("model", ID_MAX);
      int idleTimeout = item.requiredPositiveInt("idleTimeoutSeconds", SECONDS_MAX);
      if (name != null && !names.add(name)) {
        item.error("name", "duplicates the name of an earlier profile");
      } else if (name != null && model != null && idleTimeout > 0) {
        profiles.add(new ModelProfile(name, model, idleTimeout));
      }
    }
    return profiles;
  }

  private static ClawTimeouts timeouts(FieldReader root, List<FieldError> errors) {
    ClawTimeouts defaults = ClawTimeouts.DEFAULTS;
    JsonNode node = root.node("timeouts");
    FieldReader t = node == null ? null : FieldReader.of(node, root.pathOf("timeouts"), errors);
    if (t == null) {
      return defaults;
    }
    t.rejectUnknown(TIMEOUT_FIELDS, "is not a known timeout (" + known(TIMEOUT_FIELDS) + ")");
    return new ClawTimeouts(
        t.positiveInt("provisionSeconds", defaults.provisionSeconds(), SECONDS_MAX),
        t.positiveInt("runSeconds", defaults.runSeconds(), SECONDS_MAX),
        t.positiveInt("idleSeconds", defaults.idleSeconds(), SECONDS_MAX),
        t.positiveInt("toolIdleSeconds", defaults.toolIdleSeconds(), SECONDS_MAX),
        t.positiveInt("heartbeatSeconds", defaults.heartbeatSeconds(), SECONDS_MAX));
  }

  private static String known(Set<String> names) {
    return String.join(", ", names.stream().sorted().toList());
  }
}
