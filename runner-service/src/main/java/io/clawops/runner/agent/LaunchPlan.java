package io.clawops.runner.agent;

import io.clawops.contracts.ReasonCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How to start one run's agent, or why it cannot start. */
public sealed interface LaunchPlan {

  /**
   * Everything needed to start the process; {@code scratch} holds the prompt file, {@code adapter}
   * reads the agent's output format, {@code secrets} removes the credentials handed to the agent
   * from everything it writes.
   */
  record Ready(
      List<String> command,
      Path workdir,
      Map<String, String> env,
      Path scratch,
      AgentAdapter adapter,
      SecretRedactor secrets)
      implements LaunchPlan {}

  /** The run fails before any process starts. */
  record Refused(ReasonCode code, String message) implements LaunchPlan {}
}
