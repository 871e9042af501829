package io.clawops.runner.adapter;

import io.clawops.contracts.message.TaskDispatched;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.RuntimeProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How one agent CLI is started for a run: its command line (prompt, model, capabilities as the
 * CLI's own permission settings), the environment it adds (provider URL, API key) and the adapter
 * that reads its output.
 */
public interface CliLaunch {

  /**
   * Everything one run adds to the profile.
   *
   * @param scratch the run's private folder outside the workspace, deleted after the run
   * @param apiKey the resolved provider credential, or null when the profile names none
   */
  record Context(
      UUID runId, TaskDispatched task, RuntimeProfile profile, Path scratch, String apiKey) {

    String model() {
      return task.modelProfile().model();
    }
  }

  /** The arguments after the profile's command. */
  List<String> arguments(Context context) throws IOException;

  /** Variables added to the agent's environment. */
  Map<String, String> environment(Context context) throws IOException;

  AgentAdapter adapter(Context context);
}
