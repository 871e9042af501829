package io.clawops.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * A real agent executable for tests and demos: reads its prompt from {@code CLAW_PROMPT_FILE},
 * plays the scenario the prompt names (see {@link ScenarioSpec}) over the agent protocol and exits
 * with the scenario's code.
 */
public final class SimAgent {

  /** Exit code when the prompt names a scenario this build does not have. */
  public static final int UNKNOWN_SCENARIO_EXIT = 64;

  private SimAgent() {}

  public static void main(String[] args) {
    int exitCode;
    try {
      exitCode = run(System.getenv(), System.in, System.out, System.err);
    } catch (UncheckedIOException e) {
      // stdout closed under us: the runner is stopping this agent.
      exitCode = 141;
    }
    System.exit(exitCode);
  }

  /** Plays the scenario the environment's prompt names, returning the exit code. */
  public static int run(
      Map<String, String> env, InputStream in, OutputStream out, PrintStream err) {
    AgentIo io = new AgentIo(out, err);
    io.listen(in);
    ScenarioSpec spec = ScenarioSpec.fromPrompt(readPrompt(env.get("CLAW_PROMPT_FILE"), err));
    String model = env.getOrDefault("CLAW_MODEL", "sim-model");
    int exitCode =
        Scenarios.named(spec.name())
            .map(scenario -> scenario.play(io, spec, model))
            .orElseGet(
                () -> {
                  io.error(
                      "agent.unknown",
                      "unknown scenario "
                          + spec.name()
                          + "; known: "
                          + new TreeSet<>(Scenarios.names()));
                  return UNKNOWN_SCENARIO_EXIT;
                });
    io.flush();
    return exitCode;
  }

  private static String readPrompt(String file, PrintStream err) {
    if (file == null || file.isBlank()) {
      return "";
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("sim-agent: cannot read the prompt file, playing the default scenario");
      return "";
    }
  }
}
