package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;
import java.util.List;

/**
 * {@code secret-leak}: an agent that carelessly prints credentials in tool inputs, tool errors,
 * error lines, log text and stderr, then completes; everything the runner passes on must come out
 * redacted.
 */
public final class SecretLeak implements Scenario {

  /** Fake credentials, assembled at run time so no literal here looks like a real secret. */
  public static final String GITHUB_TOKEN = "ghp_" + "Sim0".repeat(9);

  public static final String ANTHROPIC_KEY = "sk" + "-ant-api03-" + "s1mAg3nT_k".repeat(5);
  public static final String URL_PASSWORD = "hunter2" + "-n0t-r3al";
  public static final String PLAIN_PASSWORD = "Corr3ct" + "H0rseB4ttery";

  /** Every fake secret the scenario prints, for tests that check none of them got through. */
  public static final List<String> SECRETS =
      List.of(GITHUB_TOKEN, ANTHROPIC_KEY, URL_PASSWORD, PLAIN_PASSWORD);

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    String remote = "https://deploy:" + URL_PASSWORD + "@git.example.com/acme/app.git";
    io.text("Using token " + GITHUB_TOKEN + " to push to " + remote);
    io.toolUse("c1", "exec", io.object().put("command", "git push " + remote));
    io.toolResult(
        "c1",
        false,
        "fatal: Authentication failed for '" + remote + "' (token " + GITHUB_TOKEN + ")");
    io.error("agent.provider_auth", "provider rejected key " + ANTHROPIC_KEY);
    io.stderr("debug: GITHUB_TOKEN=" + GITHUB_TOKEN + " password=" + PLAIN_PASSWORD);
    io.stderr("debug: x-api-key " + ANTHROPIC_KEY);
    io.toolUse("c2", "exec", io.object().put("command", "git push origin main"));
    io.toolResult("c2", true, "pushed with " + GITHUB_TOKEN);
    io.result("completed", "Pushed using " + GITHUB_TOKEN);
    return 0;
  }
}
