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
 * CLI's model routing; capabilities become the deny rules of a policy file ({@code --policy}) under
 * the approval mode {@code yolo}, in a private {@code HOME} whose settings select API-key
 * authentication (the key from {@code GEMINI_API_KEY}).
 *
 * <p>Gemini CLI 0.61.0 reads {@code tools.exclude} entries as whole tool names, so an entry such as
 * {@code run_shell_command(sudo)} matches no call; a policy rule with {@code commandPrefix} does,
 * and at the user tier it outranks {@code yolo}'s allow-all. A denied call comes back as a {@code
 * policy_violation} tool result; a tool denied as a whole is not offered to the model at all.
 */
public final class GeminiLaunch implements CliLaunch {

  @Override
  public List<String> arguments(Context context) throws IOException {
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
                // yolo approves what the policy does not deny; nothing can ask in -p mode.
                "--approval-mode",
                "yolo"));
    String policy = policy(capabilities);
    if (!policy.isEmpty()) {
      Path file = Files.createDirectories(context.scratch()).resolve("gemini-policy.toml");
      Files.writeString(file, policy);
      args.add("--policy");
      args.add(file.toString());
    }
    args.addAll(context.profile().args());
    return args;
  }

  /**
   * The claw's missing capabilities as deny rules of a policy file (user tier, above {@code yolo}'s
   * allow-all); empty when it may do everything.
   */
  static String policy(Capabilities capabilities) {
    StringBuilder rules = new StringBuilder();
    if (!capabilities.elevatedExec()) {
      rule(
          rules,
          "toolName = \"run_shell_command\"\ncommandPrefix = [\"sudo\", \"su\"]",
          "elevated execution (sudo, su) is not available in this runtime");
    }
    if (!capabilities.processTools()) {
      rule(
          rules,
          "toolName = \"run_shell_command\"",
          "shell commands are not available in this runtime");
    }
    if (!capabilities.fileTools()) {
      rule(
          rules,
          "toolName = [\"write_file\", \"replace\"]",
          "file editing tools are not available in this runtime");
    }
    if (!capabilities.browser()) {
      rule(
          rules,
          "toolName = [\"web_fetch\", \"google_web_search\"]",
          "no browser is available in this runtime");
    }
    return rules.isEmpty()
        ? ""
        : "# ClawOps: what this claw may not do (its capabilities).\n" + rules;
  }

  private static void rule(StringBuilder rules, String match, String denyMessage) {
    rules
        .append("\n[[rule]]\n")
        .append(match)
        .append("\ndecision = \"deny\"\npriority = 900\ndenyMessage = \"")
        .append(denyMessage)
        .append("\"\n");
  }

  @Override
  public Map<String, String> environment(Context context) throws IOException {
    Map<String, String> env = new HashMap<>();
    Path home = Files.createDirectories(context.scratch().resolve("home"));
    Path settings = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
    Files.writeString(settings, settings());
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

  static String settings() {
    var root = CliAdapter.JSON.createObjectNode();
    root.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
    // ClawOps detects loops itself (L2); the CLI's own detector would end a looping run
    // "success" before ClawOps' rules could stop it with the reason.
    root.putObject("model").put("disableLoopDetection", true);
    return root.toString();
  }

  @Override
  public AgentAdapter adapter(Context context) {
    return new GeminiStreamJsonAdapter(context.runId(), context.task().attempt(), context.model());
  }
}
