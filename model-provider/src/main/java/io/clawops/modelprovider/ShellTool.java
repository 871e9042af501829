package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds the shell tool among the tools a request declares, whatever the agent calls it. */
final class ShellTool {

  private static final List<String> PREFERRED =
      List.of("Bash", "shell", "exec_command", "run_shell_command", "local_shell");

  private ShellTool() {}

  /** The name of the agent's shell tool, or {@code fallback} when the request declares none. */
  static String name(List<String> declared, String fallback) {
    for (String preferred : PREFERRED) {
      if (declared.contains(preferred)) {
        return preferred;
      }
    }
    return declared.stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).contains("shell"))
        .findFirst()
        .orElse(fallback);
  }

  /** Names of the tools in {@code tools}, reading {@code name} or {@code function.name}. */
  static List<String> names(JsonNode tools) {
    List<String> names = new ArrayList<>();
    for (JsonNode tool : tools) {
      collect(tool, names);
      for (JsonNode declaration : tool.path("functionDeclarations")) {
        collect(declaration, names);
      }
    }
    return names;
  }

  private static void collect(JsonNode tool, List<String> names) {
    String name = tool.path("name").asText(tool.path("function").path("name").asText(""));
    if (!name.isEmpty()) {
      names.add(name);
    }
  }
}
