package io.clawops.runner.agent;

import java.util.List;
import java.util.Map;

/** A named way to start an agent: the command line and extra environment variables. */
public record RuntimeProfile(String name, List<String> command, Map<String, String> env) {

  public RuntimeProfile {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("runtime " + name + ": command must not be empty");
    }
    command = List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
