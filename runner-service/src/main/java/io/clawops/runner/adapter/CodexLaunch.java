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
 * Starts {@code codex exec --json} with the prompt (after the capability notice) as its argument;
 * elevated execution maps to the sandbox mode. With a {@code baseUrl} the run gets a private {@code
 * CODEX_HOME} whose {@code config.toml} names that provider and reads the key from {@code
 * OPENAI_API_KEY}.
 */
public final class CodexLaunch implements CliLaunch {

  static final String KEY_VARIABLE = "OPENAI_API_KEY";

  @Override
  public List<String> arguments(Context context) {
    Capabilities capabilities = context.task().capabilities();
    List<String> args =
        new ArrayList<>(
            List.of(
                "exec",
                "--json",
                "--skip-git-repo-check",
                "-m",
                context.model(),
                "--sandbox",
                capabilities.elevatedExec() ? "danger-full-access" : "workspace-write"));
    args.addAll(context.profile().args());
    String notice = CapabilityNotice.of(capabilities);
    args.add(
        notice.isEmpty() ? context.task().prompt() : notice + "\n\n" + context.task().prompt());
    return args;
  }

  @Override
  public Map<String, String> environment(Context context) throws IOException {
    Map<String, String> env = new HashMap<>();
    if (context.apiKey() != null) {
      env.put(KEY_VARIABLE, context.apiKey());
    }
    if (context.profile().baseUrl() != null) {
      Path home = Files.createDirectories(context.scratch().resolve("codex-home"));
      Files.writeString(home.resolve("config.toml"), config(context));
      env.put("CODEX_HOME", home.toString());
    }
    return env;
  }

  private static String config(Context context) {
    String base = context.profile().baseUrl().replaceAll("/+$", "");
    return "model = \""
        + toml(context.model())
        + "\"\nmodel_provider = \"clawops\"\n\n[model_providers.clawops]\nname = \"clawops\"\n"
        + "base_url = \""
        + toml(base.endsWith("/v1") ? base : base + "/v1")
        + "\"\nenv_key = \""
        + KEY_VARIABLE
        + "\"\nwire_api = \"responses\"\n";
  }

  private static String toml(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public AgentAdapter adapter(Context context) {
    return new CodexExecJsonAdapter(context.runId(), context.task().attempt(), context.model());
  }
}
