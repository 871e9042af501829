package io.clawops.provisioner.git;

import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.persistence.WorkspaceLayout;
import io.clawops.provisioner.request.RepositoryPolicy;
import io.clawops.provisioner.request.RepositoryUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Clones one repository into a fresh staging directory, retrying transient failures and giving up
 * at once on permanent ones (not found, access refused), where another try only delays the answer.
 */
@ApplicationScoped
public class RepositoryCloner {

  private static final Logger LOG = Logger.getLogger(RepositoryCloner.class);

  private final GitCommand git;
  private final WorkspaceLayout layout;
  private final Duration timeout;
  private final RepositoryPolicy policy;

  public RepositoryCloner(
      GitCommand git, WorkspaceLayout layout, ProvisionerConfig config, RepositoryPolicy policy) {
    this.git = git;
    this.layout = layout;
    this.policy = policy;
    this.timeout = config.git().cloneTimeout();
  }

  /**
   * Clones {@code url} and returns the clone, a directory the caller moves into place and whose
   * parent it removes afterwards. Each attempt starts from an empty directory.
   *
   * <p>Retry counts and delays come from {@code clawops.git.*} through application.properties; the
   * values here are only the fallback. No total-duration cap: the per-attempt timeout bounds it.
   */
  @Retry(
      maxRetries = 3,
      delay = 2000,
      jitter = 0,
      maxDuration = 0,
      retryOn = TransientCloneException.class,
      abortOn = PermanentCloneException.class)
  public Path cloneOnce(
      UUID clawId, String url, Optional<String> credential, CloneAttempts attempts)
      throws CloneException {
    attempts.increment();
    RepositoryUrl parsed = RepositoryUrl.parse(url);
    String shown = Sanitizer.sanitize(parsed.withoutUserInfo());
    // Checked again here: the configuration may have changed since the request, and the host may
    // now resolve elsewhere. git is then pinned to exactly the addresses this check approved.
    RepositoryPolicy.Verdict verdict = policy.check(parsed);
    if (verdict.refusal().isPresent()) {
      LOG.infof("claw %s: clone of %s refused: %s", clawId, shown, verdict.refusal().get());
      throw new PermanentCloneException(
          new CloneFailure(CloneFailure.Kind.REFUSED, verdict.refusal().get()));
    }
    if (!verdict.resolved()) {
      throw new TransientCloneException(
          new CloneFailure(CloneFailure.Kind.UNREACHABLE, "the repository's host did not resolve"));
    }
    Path staging = null;
    try {
      Files.createDirectories(layout.staging());
      staging = Files.createTempDirectory(layout.staging(), clawId + "-");
      Path clone = staging.resolve("repository");
      Map<String, String> environment =
          GitCredentials.environment(parsed, credential, verdict.addresses());
      List<String> args = List.of("clone", "--quiet", "--", parsed.withoutUserInfo(), "repository");
      GitResult result = git.run(staging, args, environment, timeout);
      if (result.ok()) {
        return clone;
      }
      CloneFailure failure = CloneFailureClassifier.classify(result);
      LOG.infof(
          "claw %s: clone attempt %d of %s failed (%s): %s",
          clawId, attempts.count(), shown, failure.kind().code(), failure.detail());
      StagingDirectories.deleteQuietly(staging);
      throw failure.kind().retryable()
          ? new TransientCloneException(failure)
          : new PermanentCloneException(failure);
    } catch (IOException e) {
      StagingDirectories.deleteQuietly(staging);
      throw new PermanentCloneException(
          new CloneFailure(
              CloneFailure.Kind.LOCAL,
              Sanitizer.sanitize("could not run git: " + e.getMessage(), 200)));
    }
  }
}
