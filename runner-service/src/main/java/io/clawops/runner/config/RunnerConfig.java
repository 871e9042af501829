package io.clawops.runner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What an operator can tune on one runner instance ({@code clawops.runner.*}). */
@ConfigMapping(prefix = "clawops.runner")
public interface RunnerConfig {

  /** This instance's id ({@code CLAWOPS_RUNNER_ID}); default: host name plus a random suffix. */
  Optional<String> id();

  /** Agents run at once; a task is claimed only while one of these slots is free. */
  @WithDefault("4")
  int slots();

  /** How often the runner reports its capacity ({@code runner.beat}); it also beats on change. */
  @WithDefault("5s")
  Duration beatInterval();

  /** Time a stopped agent gets between SIGTERM and SIGKILL of its whole process tree. */
  @WithDefault("5s")
  Duration stopGrace();

  /**
   * On runner shutdown, time running agents get to finish before they are stopped. Shutdown takes
   * at most this plus {@link #stopGrace()} and a moment: the supervisor's kill timeout must be
   * longer.
   */
  @WithDefault("5s")
  Duration shutdownGrace();

  /** Longest stdout or stderr line kept, in bytes; longer lines are cut, never fatal. */
  @WithDefault("65536")
  int maxLineBytes();

  /** Characters of the end of an agent's stderr kept for failure messages. */
  @WithDefault("4096")
  int stderrTailChars();

  /** JSON file of extra runtime profiles ({@code CLAWOPS_RUNTIMES_FILE}). */
  Optional<Path> runtimesFile();

  /**
   * Root of the claw workspaces ({@code CLAWOPS_WORKSPACES_ROOT}): relative workspace paths resolve
   * against it and absolute ones must lie inside it.
   */
  Optional<Path> workspacesRoot();

  /** Where prompt files are written, outside every workspace; default: a folder in the temp dir. */
  Optional<Path> scratchDir();
}
