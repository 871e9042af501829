package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/** {@code hang}: prints one line, then stays silent until it is stopped. */
public final class Hang implements Scenario {

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    io.text("Thinking about the problem");
    while (!Thread.currentThread().isInterrupted()) {
      io.sleep(60_000);
    }
    return 1;
  }
}
