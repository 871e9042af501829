package io.clawops.provisioner.request;

import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.sanitize.Sanitizer;
import java.util.List;

/**
 * A validated {@code POST /api/claws} body with every default applied (DESIGN §10): what the
 * checklist prepares and what the first task carries.
 */
public record ClawRequest(
    String workflowRunId,
    String runtime,
    String prompt,
    List<RepositoryRequest> repositories,
    Capabilities capabilities,
    List<ModelProfile> modelProfiles,
    ClawTimeouts timeouts,
    int maxAttempts) {

  /** Capabilities when the request names none: no elevated exec, no browser, files, processes. */
  public static final Capabilities DEFAULT_CAPABILITIES =
      new Capabilities(false, false, true, true);

  /** Attempts when the request names none. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public ClawRequest {
    repositories = List.copyOf(repositories);
    modelProfiles = List.copyOf(modelProfiles);
  }

  /** This request with the credentials removed from repository URLs: what is stored. */
  public ClawRequest withoutSecrets() {
    return new ClawRequest(
        workflowRunId,
        runtime,
        prompt,
        repositories.stream().map(RepositoryRequest::withoutSecrets).toList(),
        capabilities,
        modelProfiles,
        timeouts,
        maxAttempts);
  }

  /**
   * The {@code spec} of {@code bootstrap.requested}: no secrets, and the prompt sanitized like
   * every published free text (F10); the task carries the prompt with its secrets redacted (by the
   * parser) and otherwise as given.
   */
  public ClawRequest asPublishedSpec() {
    ClawRequest stored = withoutSecrets();
    return new ClawRequest(
        workflowRunId,
        runtime,
        Sanitizer.sanitize(prompt),
        stored.repositories,
        capabilities,
        modelProfiles,
        timeouts,
        maxAttempts);
  }

  /** The profile the first attempt runs with. */
  public ModelProfile primaryProfile() {
    return modelProfiles.get(0);
  }

  /** The profiles tried in order after a model timeout. */
  public List<ModelProfile> fallbackProfiles() {
    return modelProfiles.subList(1, modelProfiles.size());
  }
}
