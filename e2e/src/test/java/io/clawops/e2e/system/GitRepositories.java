package io.clawops.e2e.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Real git repositories in a local folder, handed to claws as {@code file://} URLs. */
public final class GitRepositories {

  private final Path root;

  GitRepositories(Path root) {
    this.root = root;
  }

  /** A fresh repository with one commit on {@code main} (a README and a Makefile). */
  public String create(String name) {
    // A folder of its own per repository, so the last path segment (the name git and the
    // provisioner show) is exactly the name asked for.
    Path repository = root.resolve(UUID.randomUUID().toString()).resolve(name);
    try {
      Files.createDirectories(repository);
      Files.writeString(repository.resolve("README.md"), "# " + name + "\nBuild with make.\n");
      Files.writeString(repository.resolve("Makefile"), "test:\n\t@echo all tests passed\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(repository, "init", "--quiet", "--initial-branch=main");
    git(repository, "add", ".");
    git(repository, "commit", "--quiet", "-m", "Initial commit");
    return repository.toUri().toString();
  }

  /** The URL of a repository that does not exist, as a mistyped or deleted one would be. */
  public String missing(String name) {
    return root.resolve(UUID.randomUUID().toString()).resolve(name + ".git").toUri().toString();
  }

  private void git(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    // Identity and signing settings here, so no user or system git configuration matters.
    command.addAll(
        List.of(
            "git",
            "-c",
            "user.name=ClawOps E2E",
            "-c",
            "user.email=e2e@clawops.invalid",
            "-c",
            "commit.gpgsign=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    try {
      Process git = builder.start();
      String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }
}
