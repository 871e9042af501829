package io.clawops.runner.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.simagent.SimAgentCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime profiles a runner knows: the built-in {@value #SIM} (the bundled sim-agent) plus the
 * profiles of the operator's runtimes file, which may also replace a built-in one.
 *
 * <p>File format: {@code {"runtimes": {"probe": {"command": ["bash", "/opt/agents/probe.sh"],
 * "env": {"FOO": "bar"}}}}}. A file that cannot be read or breaks the format stops the runner at
 * start: running with a silently missing profile would fail every claw that needs it later.
 */
public final class RuntimeProfiles {

  /** Built-in runtime that plays sim-agent scenarios. */
  public static final String SIM = "sim";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, RuntimeProfile> byName;

  public RuntimeProfiles(Map<String, RuntimeProfile> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The built-in profiles plus those of {@code file}, if one is configured. */
  public static RuntimeProfiles load(Optional<Path> file) {
    Map<String, RuntimeProfile> profiles = new LinkedHashMap<>();
    profiles.put(SIM, new RuntimeProfile(SIM, SimAgentCommand.command(), Map.of()));
    file.ifPresent(path -> profiles.putAll(readFile(path)));
    return new RuntimeProfiles(profiles);
  }

  public Optional<RuntimeProfile> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  static Map<String, RuntimeProfile> readFile(Path path) {
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read runtimes file " + path + ": " + e.getClass().getSimpleName(), e);
    }
    JsonNode runtimes = root == null ? null : root.get("runtimes");
    if (runtimes == null || !runtimes.isObject()) {
      throw invalid(path, "top-level \"runtimes\" must be an object");
    }
    Map<String, RuntimeProfile> profiles = new LinkedHashMap<>();
    runtimes
        .properties()
        .forEach(
            entry -> profiles.put(entry.getKey(), profile(path, entry.getKey(), entry.getValue())));
    return profiles;
  }

  private static RuntimeProfile profile(Path path, String name, JsonNode node) {
    JsonNode command = node.path("command");
    if (!command.isArray() || command.isEmpty()) {
      throw invalid(path, name + ".command must be a non-empty array of strings");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode word : command) {
      if (!word.isTextual()) {
        throw invalid(path, name + ".command must be a non-empty array of strings");
      }
      words.add(word.asText());
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = node.path("env");
    if (!envNode.isMissingNode() && !envNode.isObject()) {
      throw invalid(path, name + ".env must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> variable : envNode.properties()) {
      if (!variable.getValue().isValueNode()) {
        throw invalid(path, name + ".env." + variable.getKey() + " must be a string");
      }
      env.put(variable.getKey(), variable.getValue().asText());
    }
    return new RuntimeProfile(name, words, env);
  }

  private static IllegalStateException invalid(Path path, String problem) {
    return new IllegalStateException("invalid runtimes file " + path + ": " + problem);
  }
}
