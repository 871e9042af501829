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
 * The runtime profiles a runner knows: the built-in {@value #SIM} (the bundled sim-agent), {@value
 * #CLAUDE_CODE}, {@value #CODEX} and {@value #GEMINI} (the agent CLIs, found on the PATH) plus the
 * profiles of the operator's runtimes file, which may also replace or refine a built-in one.
 *
 * <p>File format: {@code {"runtimes": {"probe": {"command": ["bash", "/opt/agents/probe.sh"],
 * "env": {"FOO": "bar"}}}}}; a CLI profile adds {@code format}, {@code args}, {@code baseUrl} and
 * {@code credentialRef}. An entry named like a built-in keeps the built-in's fields it does not
 * set. A file that cannot be read or breaks the format stops the runner at start: running with a
 * silently missing profile would fail every claw that needs it later.
 */
public final class RuntimeProfiles {

  /** Built-in runtime that plays sim-agent scenarios. */
  public static final String SIM = "sim";

  public static final String CLAUDE_CODE = "claude-code";
  public static final String CODEX = "codex";
  public static final String GEMINI = "gemini";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, RuntimeProfile> byName;

  public RuntimeProfiles(Map<String, RuntimeProfile> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The built-in profiles plus those of {@code file}, if one is configured. */
  public static RuntimeProfiles load(Optional<Path> file) {
    Map<String, RuntimeProfile> profiles = builtIns();
    file.ifPresent(path -> profiles.putAll(readFile(path, profiles)));
    return new RuntimeProfiles(profiles);
  }

  static Map<String, RuntimeProfile> builtIns() {
    Map<String, RuntimeProfile> profiles = new LinkedHashMap<>();
    profiles.put(SIM, new RuntimeProfile(SIM, SimAgentCommand.command(), Map.of()));
    profiles.put(CLAUDE_CODE, cli(CLAUDE_CODE, "claude", AgentFormat.CLAUDE_STREAM_JSON));
    profiles.put(CODEX, cli(CODEX, "codex", AgentFormat.CODEX_EXEC_JSON));
    profiles.put(GEMINI, cli(GEMINI, "gemini", AgentFormat.GEMINI_STREAM_JSON));
    return profiles;
  }

  private static RuntimeProfile cli(String name, String binary, AgentFormat format) {
    return new RuntimeProfile(name, List.of(binary), Map.of(), format, List.of(), null, null);
  }

  public Optional<RuntimeProfile> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  static Map<String, RuntimeProfile> readFile(Path path) {
    return readFile(path, Map.of());
  }

  static Map<String, RuntimeProfile> readFile(Path path, Map<String, RuntimeProfile> builtIns) {
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
            entry ->
                profiles.put(
                    entry.getKey(),
                    profile(path, entry.getKey(), entry.getValue(), builtIns.get(entry.getKey()))));
    return profiles;
  }

  private static RuntimeProfile profile(
      Path path, String name, JsonNode node, RuntimeProfile base) {
    List<String> command =
        node.has("command") || base == null
            ? strings(path, node.path("command"), name + ".command", false)
            : base.command();
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
    AgentFormat format = base == null ? AgentFormat.CLAWOPS : base.format();
    if (node.has("format")) {
      format =
          AgentFormat.fromWire(node.get("format").asText())
              .orElseThrow(
                  () ->
                      invalid(
                          path,
                          name
                              + ".format must be one of clawops, claude-stream-json,"
                              + " codex-exec-json, gemini-stream-json"));
    }
    List<String> args =
        node.has("args")
            ? strings(path, node.get("args"), name + ".args", true)
            : base == null ? List.of() : base.args();
    return new RuntimeProfile(
        name,
        command,
        env,
        format,
        args,
        text(node, "baseUrl", base == null ? null : base.baseUrl()),
        text(node, "credentialRef", base == null ? null : base.credentialRef()));
  }

  private static List<String> strings(Path path, JsonNode array, String field, boolean mayBeEmpty) {
    String problem = field + " must be a " + (mayBeEmpty ? "" : "non-empty ") + "array of strings";
    if (!array.isArray() || (!mayBeEmpty && array.isEmpty())) {
      throw invalid(path, problem);
    }
    List<String> words = new ArrayList<>();
    for (JsonNode word : array) {
      if (!word.isTextual()) {
        throw invalid(path, problem);
      }
      words.add(word.asText());
    }
    return words;
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : fallback;
  }

  private static IllegalStateException invalid(Path path, String problem) {
    return new IllegalStateException("invalid runtimes file " + path + ": " + problem);
  }
}
