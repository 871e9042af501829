package io.clawops.runner.agent;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.TaskDispatched;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Prepares an agent start: picks the runtime profile, checks the workspace and writes the prompt to
 * a private file outside it (the prompt may be long and must not end up in the repository).
 */
public final class AgentLauncher {

  private final RuntimeProfiles profiles;
  private final Optional<Path> workspacesRoot;
  private final Path scratchRoot;
  private final Map<String, String> inheritedEnv;

  public AgentLauncher(
      RuntimeProfiles profiles,
      Optional<Path> workspacesRoot,
      Path scratchRoot,
      Map<String, String> inheritedEnv) {
    this.profiles = profiles;
    this.workspacesRoot = workspacesRoot;
    this.scratchRoot = scratchRoot;
    this.inheritedEnv = Map.copyOf(inheritedEnv);
  }

  public LaunchPlan plan(UUID clawId, UUID runId, TaskDispatched task) {
    Optional<RuntimeProfile> profile = profiles.find(task.runtime());
    if (profile.isEmpty()) {
      // agent.process_failure rather than a platform code: the agent could not be started, and
      // a retry may land on a runner that has the profile (or after the operator adds it).
      return new LaunchPlan.Refused(
          ReasonCode.PROCESS_FAILURE,
          "runtime profile '"
              + task.runtime()
              + "' is not configured on this runner (known: "
              + String.join(", ", profiles.names())
              + ")");
    }
    Path workdir = resolveWorkspace(task.workspacePath());
    if (workspacesRoot.isPresent() && !workdir.startsWith(workspacesRoot.get())) {
      return new LaunchPlan.Refused(
          ReasonCode.SANDBOX_UNAVAILABLE, "workspace path lies outside the workspaces root");
    }
    if (!Files.isDirectory(workdir)) {
      return new LaunchPlan.Refused(
          ReasonCode.SANDBOX_UNAVAILABLE,
          "workspace " + workdir + " does not exist on this runner");
    }
    String apiKey = null;
    String credentialRef = profile.get().credentialRef();
    if (credentialRef != null) {
      apiKey = inheritedEnv.get(AgentStart.secretVariable(credentialRef));
      if (apiKey == null || apiKey.isEmpty()) {
        return new LaunchPlan.Refused(
            ReasonCode.CREDENTIALS_MISSING,
            "credentialRef '"
                + credentialRef
                + "' of runtime '"
                + task.runtime()
                + "' is not configured on this runner ("
                + AgentStart.secretVariable(credentialRef)
                + ")");
      }
    }
    Path scratch = scratchRoot.resolve(runId.toString());
    try {
      Path promptFile = writePrompt(scratch, task.prompt());
      AgentStart.Parts start = AgentStart.of(profile.get(), runId, task, scratch, apiKey);
      return new LaunchPlan.Ready(
          start.command(),
          workdir,
          AgentEnvironment.of(
              inheritedEnv, start.env(), profile.get(), clawId, runId, task, promptFile),
          scratch,
          start.adapter(),
          SecretRedactor.of(Collections.singletonList(apiKey)));
    } catch (IOException e) {
      discard(scratch);
      return new LaunchPlan.Refused(
          ReasonCode.PROCESS_FAILURE,
          "could not write the prompt file: " + e.getClass().getSimpleName());
    }
  }

  /** Deletes a run's scratch folder (its prompt file). */
  public static void discard(Path scratch) {
    if (scratch == null || !Files.exists(scratch)) {
      return;
    }
    try (Stream<Path> files = Files.walk(scratch)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: a leftover prompt file in the runner's scratch folder is not worth a failure.
    }
  }

  private Path resolveWorkspace(String workspacePath) {
    Path path = Path.of(workspacePath);
    if (!path.isAbsolute() && workspacesRoot.isPresent()) {
      path = workspacesRoot.get().resolve(path);
    }
    return path.toAbsolutePath().normalize();
  }

  private static Path writePrompt(Path scratch, String prompt) throws IOException {
    Files.createDirectories(scratch);
    Path file = scratch.resolve("prompt.md");
    Files.writeString(file, prompt, StandardCharsets.UTF_8);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }
}
