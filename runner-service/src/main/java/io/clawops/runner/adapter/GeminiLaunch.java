package io.clawops.runner.adapter;

import io.clawops.contracts.message.Capabilities;
import io.clawops.runner.agent.AgentAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code gemini -p PROMPT -m MODEL --output-format stream-json}: an explicit model skips the
 * CLI's model routing; capabilities become excluded tools and the approval mode in a private {@code
 * HOME} whose settings select API-key authentication (the key from {@code GEMINI_API_KEY}).
 */
public final class GeminiLaunch implements CliLaunch {

  @Override
  public List<String> arguments(Context context) {
    Capabilities capabilities = context.task().capabilities();
    String notice = CapabilityNotice.of(capabilities);
    String prompt =
        notice.isEmpty() ? context.task().prompt() : notice + "\n\n" + context.task().prompt();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-p",
                prompt,
                "-m",
                context.model(),
                "--output-format",
                "stream-json",
                // yolo approves what the excluded tools leave; nothing can ask in -p mode.
                "--approval-mode",
                "yolo"));
    args.addAll(context.profile().args());
    return args;
  }

  @Override
  public Map<String, String> environment(Context context) throws IOException {
    Map<String, String> env = new HashMap<>();
    Path home = Files.createDirectories(context.scratch().resolve("home"));
    Path settings = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
    Files.writeString(settings, settings(context.task().capabilities()));
    env.put("HOME", home.toString());
    // The workspace was prepared by ClawOps' bootstrap; the CLI's trust prompt cannot be answered.
    env.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
    if (context.profile().baseUrl() != null) {
      env.put("GOOGLE_GEMINI_BASE_URL", context.profile().baseUrl());
    }
    if (context.apiKey() != null) {
      env.put("GEMINI_API_KEY", context.apiKey());
    }
    return env;
  }

  private static String settings(Capabilities capabilities) {
    var root = CliAdapter.JSON.createObjectNode();
    root.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
    var exclude = root.putObject("tools").putArray("exclude");
    if (!capabilities.elevatedExec()) {
      exclude.add("run_shell_command(sudo)").add("run_shell_command(su)");
    }
    if (!capabilities.processTools()) {
      exclude.add("run_shell_command");
    }
    if (!capabilities.fileTools()) {
      exclude.add("write_file").add("replace");
    }
    if (!capabilities.browser()) {
      exclude.add("web_fetch").add("google_web_search");
    }
    return root.toString();
  }

  @Override
  public AgentAdapter adapter(Context context) {
    return new GeminiStreamJsonAdapter(context.runId(), context.task().attempt(), context.model());
  }
}
