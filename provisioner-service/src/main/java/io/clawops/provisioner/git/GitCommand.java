package io.clawops.provisioner.git;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} CLI as a child process with a time limit, killing its whole process tree
 * when the limit passes (a clone spawns remote helpers that would otherwise outlive it).
 *
 * <p>The environment is pinned: no inherited {@code GIT_*} variable (a stray {@code GIT_DIR},
 * {@code GIT_ASKPASS} or {@code GIT_TRACE_CURL} would change what runs or print credentials), no
 * terminal prompt, only the file, http, https and ssh transports (which of them a claw may use is
 * RepositoryPolicy's decision), and English messages so failures can be classified. Secrets travel
 * only in {@code extraEnvironment}, never in the arguments, which any user of the machine can read.
 */
@ApplicationScoped
public class GitCommand {

  private static final int OUTPUT_MAX = 64 * 1024;
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /** Runs {@code git args…} in {@code directory} and waits at most {@code timeout}. */
  public GitResult run(
      Path directory, List<String> args, Map<String, String> extraEnvironment, Duration timeout)
      throws IOException {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add("git");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("GIT_") || name.equals("SSH_ASKPASS"));
    environment.put("GIT_TERMINAL_PROMPT", "0");
    environment.put("GIT_ALLOW_PROTOCOL", "file:http:https:ssh");
    environment.put("LC_ALL", "C");
    environment.put("LANGUAGE", "C");
    environment.putAll(extraEnvironment);
    Path stdout = Files.createTempFile("git-out-", ".txt");
    Path stderr = Files.createTempFile("git-err-", ".txt");
    try {
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      Process process = builder.start();
      process.getOutputStream().close();
      boolean finished = waitFor(process, timeout);
      if (!finished) {
        killTree(process);
      }
      return new GitResult(
          finished ? process.exitValue() : -1, read(stdout), read(stderr), !finished);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) throws IOException {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git ran", e);
    }
  }

  private static void killTree(Process process) {
    // Children first: once the parent dies they are re-parented and harder to find.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(OUTPUT_MAX), StandardCharsets.UTF_8);
    }
  }
}
