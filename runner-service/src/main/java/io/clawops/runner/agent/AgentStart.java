package io.clawops.runner.agent;

import io.clawops.contracts.message.TaskDispatched;
import io.clawops.runner.adapter.ClaudeCodeLaunch;
import io.clawops.runner.adapter.CliLaunch;
import io.clawops.runner.adapter.CodexLaunch;
import io.clawops.runner.adapter.GeminiLaunch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The command line, the added environment and the output adapter of one run, by the profile's
 * {@link AgentFormat}: ClawOps' protocol runs the profile's command as is; an agent CLI gets its
 * launch's arguments and environment.
 */
final class AgentStart {

  /** Prefix of the runner variables that hold provider credentials by {@code credentialRef}. */
  static final String SECRET_PREFIX = "CLAWOPS_SECRET_";

  record Parts(List<String> command, Map<String, String> env, AgentAdapter adapter) {}

  private AgentStart() {}

  static Parts of(
      RuntimeProfile profile, UUID runId, TaskDispatched task, Path scratch, String apiKey)
      throws IOException {
    Optional<CliLaunch> launch = launch(profile.format());
    if (launch.isEmpty()) {
      List<String> command = new ArrayList<>(profile.command());
      command.addAll(profile.args());
      return new Parts(
          command,
          Map.of(),
          new ProtocolTranslator(runId, task.attempt(), task.modelProfile().model()));
    }
    CliLaunch.Context context = new CliLaunch.Context(runId, task, profile, scratch, apiKey);
    List<String> command = new ArrayList<>(profile.command());
    command.addAll(launch.get().arguments(context));
    return new Parts(command, launch.get().environment(context), launch.get().adapter(context));
  }

  static Optional<CliLaunch> launch(AgentFormat format) {
    return switch (format) {
      case CLAWOPS -> Optional.empty();
      case CLAUDE_STREAM_JSON -> Optional.of(new ClaudeCodeLaunch());
      case CODEX_EXEC_JSON -> Optional.of(new CodexLaunch());
      case GEMINI_STREAM_JSON -> Optional.of(new GeminiLaunch());
    };
  }

  /** The runner variable holding {@code credentialRef}'s value, as the provisioner names it. */
  static String secretVariable(String credentialRef) {
    return SECRET_PREFIX + credentialRef.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
