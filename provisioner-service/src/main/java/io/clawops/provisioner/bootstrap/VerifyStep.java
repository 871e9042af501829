package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.provisioner.git.CloneFailure;
import io.clawops.provisioner.git.RepositoryInspector;
import io.clawops.provisioner.request.RepositoryRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code repositories_verified}: checks the workspace itself rather than trusting the clone step.
 * Every required repository must be at its path with a {@code .git} directory and a resolvable
 * HEAD; one that is not fails the claw with {@code platform.repo_missing} and says what to check.
 *
 * <p>Evidence: {@code {"repositories":[{repository, path, required, present, gitDir, head}]}},
 * {@code head} null when it does not resolve.
 */
@ApplicationScoped
public class VerifyStep implements ChecklistStep {

  public static final String NAME = "repositories_verified";

  private final RepositoryInspector inspector;

  public VerifyStep(RepositoryInspector inspector) {
    this.inspector = inspector;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ChecklistRun run) {
    List<Map<String, Object>> entries = new ArrayList<>();
    List<RepositoryRequest> missing = new ArrayList<>();
    for (RepositoryRequest repository : run.request().repositories()) {
      Path directory = run.sandbox().workspace().resolve(repository.path());
      Optional<String> head = head(directory);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("repository", repository.name());
      entry.put("path", repository.path());
      entry.put("required", repository.required());
      entry.put("present", Files.isDirectory(directory));
      entry.put("gitDir", RepositoryInspector.hasGitDirectory(directory));
      entry.put("head", head.orElse(null));
      entries.add(entry);
      if (repository.required() && head.isEmpty()) {
        missing.add(repository);
      }
    }
    Map<String, Object> evidence = new HashMap<>(Map.of("repositories", entries));
    if (missing.isEmpty()) {
      return StepResult.ok(null, evidence);
    }
    return StepResult.failed(ReasonCode.REPO_MISSING, message(run, missing), evidence);
  }

  private Optional<String> head(Path directory) {
    try {
      return inspector.head(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Which repository, why it is missing, and what the operator should check. */
  private static String message(ChecklistRun run, List<RepositoryRequest> missing) {
    RepositoryRequest first = missing.get(0);
    Optional<CloneFailure> failure =
        run.clones().stream()
            .filter(clone -> clone.repository().path().equals(first.path()))
            .map(RepositoryClone::failure)
            .filter(java.util.Objects::nonNull)
            .findFirst();
    // The advice goes first: a long git message may be cut at 300 characters, the advice not.
    String why =
        failure
            .map(
                f ->
                    f.kind().advice()
                        + ", then retry. The clone of "
                        + first.displayUrl()
                        + " failed: "
                        + f.detail())
            .orElse(
                "check that "
                    + first.displayUrl()
                    + " has commits on its default branch, then retry");
    String more = missing.size() > 1 ? " and " + (missing.size() - 1) + " more are" : " is";
    return "required repository '"
        + first.name()
        + "' (path '"
        + first.path()
        + "')"
        + more
        + " missing: "
        + why;
  }
}
