package io.clawops.runner.agent;

import java.util.List;
import java.util.Map;

/**
 * A named way to start an agent: the command line, extra environment variables, and for agent CLIs
 * the stdout format, extra arguments, the provider's base URL and the {@code credentialRef} of the
 * provider API key (resolved on the runner, handed to the agent through its environment).
 */
public record RuntimeProfile(
    String name,
    List<String> command,
    Map<String, String> env,
    AgentFormat format,
    List<String> args,
    String baseUrl,
    String credentialRef) {

  public RuntimeProfile {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("runtime " + name + ": command must not be empty");
    }
    command = List.copyOf(command);
    env = env == null ? Map.of() : Map.copyOf(env);
    format = format == null ? AgentFormat.CLAWOPS : format;
    args = args == null ? List.of() : List.copyOf(args);
    baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl;
    credentialRef = credentialRef == null || credentialRef.isBlank() ? null : credentialRef;
  }

  /** A profile of ClawOps' own protocol. */
  public RuntimeProfile(String name, List<String> command, Map<String, String> env) {
    this(name, command, env, AgentFormat.CLAWOPS, List.of(), null, null);
  }
}
