package io.clawops.provisioner.bootstrap;

import io.clawops.provisioner.git.CloneFailure;
import io.clawops.provisioner.request.RepositoryRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the clone step did for one repository: cloned it, found it in place, or failed. */
public record RepositoryClone(
    RepositoryRequest repository,
    Outcome outcome,
    int attempts,
    long durationMs,
    CloneFailure failure) {

  /** The three ends of one repository's clone. */
  public enum Outcome {
    CLONED,
    REUSED,
    FAILED
  }

  /** The evidence entry of this repository. */
  public Map<String, Object> evidence() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("repository", repository.name());
    evidence.put("url", repository.displayUrl());
    evidence.put("path", repository.path());
    evidence.put("required", repository.required());
    evidence.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    evidence.put("attempts", attempts);
    evidence.put("durationMs", durationMs);
    if (failure != null) {
      evidence.put("failure", failure.kind().code());
      evidence.put("error", failure.detail());
    }
    return evidence;
  }
}
