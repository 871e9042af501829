package io.clawops.runner.adapter;

import io.clawops.contracts.message.Capabilities;
import io.clawops.runner.agent.AgentAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Claude Code non-interactively with stream-json on both sides; capabilities become allowed
 * and disallowed tools under the default permission mode (a tool outside them is denied, as {@code
 * -p} cannot ask), and the notice goes through {@code --append-system-prompt}.
 */
public final class ClaudeCodeLaunch implements CliLaunch {

  @Override
  public List<String> arguments(Context context) {
    Capabilities capabilities = context.task().capabilities();
    List<String> allowed = new ArrayList<>(List.of("Read", "Glob", "Grep", "TodoWrite"));
    List<String> disallowed = new ArrayList<>();
    (capabilities.processTools() ? allowed : disallowed).add("Bash");
    (capabilities.fileTools() ? allowed : disallowed)
        .addAll(List.of("Edit", "Write", "NotebookEdit"));
    (capabilities.browser() ? allowed : disallowed).addAll(List.of("WebFetch", "WebSearch"));
    if (!capabilities.elevatedExec()) {
      disallowed.addAll(List.of("Bash(sudo:*)", "Bash(su:*)"));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "-p",
                "--input-format",
                "stream-json",
                "--output-format",
                "stream-json",
                "--verbose",
                "--replay-user-messages",
                "--model",
                context.model(),
                "--permission-mode",
                "default",
                "--allowedTools",
                String.join(",", allowed)));
    if (!disallowed.isEmpty()) {
      args.addAll(List.of("--disallowedTools", String.join(",", disallowed)));
    }
    String notice = CapabilityNotice.of(capabilities);
    if (!notice.isEmpty()) {
      args.addAll(List.of("--append-system-prompt", notice));
    }
    args.addAll(context.profile().args());
    return args;
  }

  @Override
  public Map<String, String> environment(Context context) {
    Map<String, String> env = new HashMap<>();
    // No update checks, telemetry or error reports: the agent talks to its provider only.
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    if (context.profile().baseUrl() != null) {
      env.put("ANTHROPIC_BASE_URL", context.profile().baseUrl());
    }
    if (context.apiKey() != null) {
      env.put("ANTHROPIC_API_KEY", context.apiKey());
    }
    return env;
  }

  @Override
  public AgentAdapter adapter(Context context) {
    return new ClaudeStreamJsonAdapter(
        context.runId(), context.task().attempt(), context.model(), context.task().prompt());
  }
}
