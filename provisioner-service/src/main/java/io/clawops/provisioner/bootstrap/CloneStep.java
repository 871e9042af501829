package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.provisioner.credentials.Secret;
import io.clawops.provisioner.git.CloneAttempts;
import io.clawops.provisioner.git.CloneException;
import io.clawops.provisioner.git.CloneFailure;
import io.clawops.provisioner.git.RepositoryCloner;
import io.clawops.provisioner.git.RepositoryInspector;
import io.clawops.provisioner.git.StagingDirectories;
import io.clawops.provisioner.request.RepositoryRequest;
import io.clawops.provisioner.request.RepositoryUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code repositories_cloned}: a real {@code git clone} per repository into a staging directory,
 * moved into place only when complete, so a workspace never holds half a clone. A repository that a
 * previous run already put in place is reused. Every repository is tried, so one failure report
 * lists them all.
 *
 * <p>Evidence: {@code {"repositories":[{repository, url, path, required, outcome
 * (cloned|reused|failed), attempts, durationMs, failure?, error?}]}}.
 */
@ApplicationScoped
public class CloneStep implements ChecklistStep {

  public static final String NAME = "repositories_cloned";

  private final RepositoryCloner cloner;
  private final RepositoryInspector inspector;

  public CloneStep(RepositoryCloner cloner, RepositoryInspector inspector) {
    this.cloner = cloner;
    this.inspector = inspector;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ChecklistRun run) {
    List<RepositoryClone> clones = new ArrayList<>();
    for (RepositoryRequest repository : run.request().repositories()) {
      clones.add(prepare(run, repository));
    }
    run.clones(clones);
    Map<String, Object> evidence =
        Map.of("repositories", clones.stream().map(RepositoryClone::evidence).toList());
    Optional<RepositoryClone> requiredFailure = firstFailed(clones, true);
    if (requiredFailure.isPresent()) {
      return StepResult.failed(
          ReasonCode.REPO_CLONE_FAILED, message(requiredFailure.get()), evidence);
    }
    return StepResult.ok(firstFailed(clones, false).map(CloneStep::message).orElse(null), evidence);
  }

  private RepositoryClone prepare(ChecklistRun run, RepositoryRequest repository) {
    long started = System.nanoTime();
    Path target = run.sandbox().workspace().resolve(repository.path());
    String url = RepositoryUrl.parse(repository.url()).withoutUserInfo();
    CloneAttempts attempts = new CloneAttempts();
    try {
      if (inspector.holdsCloneOf(target, url)) {
        return new RepositoryClone(
            repository, RepositoryClone.Outcome.REUSED, 0, millisSince(started), null);
      }
      if (isOccupied(target)) {
        return failed(repository, attempts, started, "the path holds other files");
      }
      Path clone =
          cloner.cloneOnce(run.clawId(), repository.url(), credential(run, repository), attempts);
      moveIntoPlace(clone, target);
      return new RepositoryClone(
          repository, RepositoryClone.Outcome.CLONED, attempts.count(), millisSince(started), null);
    } catch (CloneException e) {
      return new RepositoryClone(
          repository,
          RepositoryClone.Outcome.FAILED,
          attempts.count(),
          millisSince(started),
          e.failure());
    } catch (IOException e) {
      return failed(repository, attempts, started, "could not move the clone into place: " + e);
    }
  }

  /**
   * The credentialRef's value, else credentials written into the URL (the first run only: the
   * stored request no longer has them).
   */
  private static Optional<String> credential(ChecklistRun run, RepositoryRequest repository) {
    if (repository.credentialRef() != null) {
      return Optional.ofNullable(run.credentials().get(repository.credentialRef()))
          .map(Secret::reveal);
    }
    return RepositoryUrl.parse(repository.url()).userInfo();
  }

  private static boolean isOccupied(Path target) throws IOException {
    if (!Files.exists(target)) {
      return false;
    }
    if (!Files.isDirectory(target)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(target)) {
      return entries.findAny().isPresent();
    }
  }

  private static void moveIntoPlace(Path clone, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    Files.move(clone, target, StandardCopyOption.ATOMIC_MOVE);
    StagingDirectories.deleteQuietly(clone.getParent());
  }

  private static RepositoryClone failed(
      RepositoryRequest repository, CloneAttempts attempts, long started, String detail) {
    return new RepositoryClone(
        repository,
        RepositoryClone.Outcome.FAILED,
        attempts.count(),
        millisSince(started),
        new CloneFailure(CloneFailure.Kind.LOCAL, Sanitizer.sanitize(detail, 200)));
  }

  private static Optional<RepositoryClone> firstFailed(
      List<RepositoryClone> clones, boolean required) {
    return clones.stream()
        .filter(clone -> clone.outcome() == RepositoryClone.Outcome.FAILED)
        .filter(clone -> clone.repository().required() == required)
        .findFirst();
  }

  private static String message(RepositoryClone clone) {
    RepositoryRequest repository = clone.repository();
    return (repository.required() ? "required" : "optional")
        + " repository '"
        + repository.name()
        + "' (path '"
        + repository.path()
        + "') could not be cloned from "
        + repository.displayUrl()
        + (clone.attempts() > 0 ? " after " + clone.attempts() + " attempt(s)" : "")
        + ": "
        + clone.failure().detail();
  }

  static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
