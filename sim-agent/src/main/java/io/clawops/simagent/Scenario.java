package io.clawops.simagent;

/** One scripted agent behaviour; returns the process exit code. */
@FunctionalInterface
public interface Scenario {

  /**
   * Plays the script.
   *
   * @param model the model the runner asked for ({@code CLAW_MODEL}), so a script can behave
   *     differently per model
   */
  int play(AgentIo io, ScenarioSpec spec, String model);
}
