package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;
import io.clawops.simagent.scenario.SecretFamilies.Family;

/**
 * {@code secret-families}: an agent that prints a credential of every {@link SecretFamilies}
 * family, number {@code n}, through every channel it has: text and log lines, tool inputs, failed
 * tool results, model events, error lines and stderr, then reports failure so that its stderr tail
 * lands in the run's message. The last stderr lines are a key, then a terminal progress bar whose
 * escape codes fill the runner's stderr tail ({@code tail}, the runner's {@code stderr-tail-chars})
 * exactly up to the middle of that key and vanish when sanitized.
 */
public final class SecretFamiliesLeak implements Scenario {

  /** The family whose value the stderr tail is cut through. */
  public static final Family CUT_FAMILY = Family.ANTHROPIC;

  private static final String CLEAR_LINE = "\u001B[2K\r";

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    int n = (int) spec.number("n", 0);
    int tail = (int) spec.number("tail", 4096);
    int call = 0;
    for (Family family : Family.values()) {
      String diagnostic = family.diagnostic(n);
      String ordinary =
          SecretFamilies.ORDINARY.get(family.ordinal() % SecretFamilies.ORDINARY.size());
      String callId = "c" + ++call;
      io.text(ordinary + " | " + diagnostic);
      io.toolUse(callId, "exec", io.object().put("command", diagnostic));
      io.toolResult(callId, false, ordinary + " | " + diagnostic);
      io.model("request", "sim-primary via " + diagnostic, null);
      io.error("agent.provider_auth", ordinary + " | " + diagnostic);
      io.stderr("debug: " + diagnostic);
    }
    io.flush();
    String cutLine = "debug: key " + CUT_FAMILY.secret(n);
    // The tail keeps its last `tail` characters: the cut falls in the middle of the key's head.
    int keep = cutLine.length() - cutLine.indexOf(CUT_FAMILY.head) - CUT_FAMILY.head.length() / 2;
    io.stderr(cutLine);
    io.stderr(progressBar(tail - 1 - keep));
    io.result("failed", "build failed: " + Family.SLACK_BOT.diagnostic(n));
    return 1;
  }

  /** A redrawn progress line of exactly {@code length} characters, ending "done 100%". */
  private static String progressBar(int length) {
    String end = "done 100%";
    StringBuilder bar = new StringBuilder(length);
    while (bar.length() + CLEAR_LINE.length() + end.length() <= length) {
      bar.append(CLEAR_LINE);
    }
    while (bar.length() + end.length() < length) {
      bar.append('\r');
    }
    return bar.append(end).toString();
  }
}
