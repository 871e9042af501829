package io.clawops.provisioner.git;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a repository in a workspace holds. Every command names the {@code .git} directory
 * explicitly, so a directory that is not a repository is never mistaken for part of an enclosing
 * one.
 */
@ApplicationScoped
public class RepositoryInspector {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final GitCommand git;

  public RepositoryInspector(GitCommand git) {
    this.git = git;
  }

  /** True when {@code directory} has a {@code .git} directory. */
  public static boolean hasGitDirectory(Path directory) {
    return Files.isDirectory(directory.resolve(".git"));
  }

  /** The commit HEAD points at, or empty when there is none (no repository, no commit). */
  public Optional<String> head(Path directory) throws IOException {
    return gitOutput(directory, List.of("rev-parse", "--verify", "--quiet", "HEAD^{commit}"));
  }

  /** The URL of {@code origin}, or empty. */
  public Optional<String> originUrl(Path directory) throws IOException {
    return gitOutput(directory, List.of("config", "--get", "remote.origin.url"));
  }

  /** True when {@code directory} already holds a clone of {@code url} with a commit checked out. */
  public boolean holdsCloneOf(Path directory, String url) throws IOException {
    return head(directory).isPresent() && originUrl(directory).filter(url::equals).isPresent();
  }

  private Optional<String> gitOutput(Path directory, List<String> args) throws IOException {
    if (!hasGitDirectory(directory)) {
      return Optional.empty();
    }
    List<String> command =
        new java.util.ArrayList<>(List.of("--git-dir", directory.resolve(".git").toString()));
    command.addAll(args);
    GitResult result = git.run(directory, command, Map.of(), TIMEOUT);
    String output = result.stdout().strip();
    return result.ok() && !output.isEmpty() ? Optional.of(output) : Optional.empty();
  }
}
