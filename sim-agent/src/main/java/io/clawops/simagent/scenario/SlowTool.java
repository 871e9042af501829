package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/**
 * {@code slow-tool}: starts a long build and stays silent for {@code tool-seconds} (default 3,
 * fractions allowed) before the tool result arrives and the run completes; meant to outlast {@code
 * idleSeconds} but not {@code toolIdleSeconds}.
 */
public final class SlowTool implements Scenario {

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    io.text("Starting the build");
    io.toolUse("c1", "exec", io.object().put("command", "./scripts/long-build.sh"));
    io.sleep(spec.secondsAsMillis("tool-seconds", 3));
    io.toolResult("c1", true, "build finished");
    io.result("completed", "Built after a long tool call");
    return 0;
  }
}
