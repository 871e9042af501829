package io.clawops.provisioner.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real git repositories for tests, made with the git CLI. */
public final class GitRepositories {

  private GitRepositories() {}

  /** A repository with one commit: where it is, its file:// URL and its HEAD. */
  public record SourceRepository(Path directory, String url, String head) {}

  /** Creates a repository with one commit in {@code directory}. */
  public static SourceRepository create(Path directory) {
    git(directory.getParent(), "init", "-q", "-b", "main", directory.toString());
    write(directory.resolve("README.md"), "# " + directory.getFileName() + "\n");
    git(directory, "add", "README.md");
    git(
        directory,
        "-c",
        "user.name=ClawOps Test",
        "-c",
        "user.email=test@clawops.invalid",
        "commit",
        "-q",
        "-m",
        "initial");
    return new SourceRepository(directory, directory.toUri().toString(), head(directory));
  }

  /** Creates a repository without any commit in {@code directory}. */
  public static void init(Path directory) {
    git(directory.getParent(), "init", "-q", "-b", "main", directory.toString());
  }

  /**
   * A bare copy of {@code source} in {@code directory}, prepared for git's "dumb" HTTP protocol
   * (static files plus the indexes {@code update-server-info} writes).
   */
  public static Path bareForHttp(SourceRepository source, Path directory) {
    git(
        directory.getParent(),
        "clone",
        "-q",
        "--bare",
        source.directory().toString(),
        directory.toString());
    git(directory, "update-server-info");
    return directory;
  }

  /** The commit HEAD of {@code directory} points at. */
  public static String head(Path directory) {
    return git(directory, "rev-parse", "HEAD").strip();
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String git(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(directory);
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
