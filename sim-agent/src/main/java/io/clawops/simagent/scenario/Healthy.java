package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/**
 * {@code healthy}: reads the repository, calls the model, runs two tools and completes. {@code
 * step-ms} (default 100) is the pause between steps.
 */
public final class Healthy implements Scenario {

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    long step = spec.number("step-ms", 100);
    io.text("Reading the repository");
    io.model("request", model, null);
    io.sleep(step);
    io.model("response", model, step);
    io.toolUse("c1", "read_file", io.object().put("path", "README.md"));
    io.sleep(step);
    io.toolResult("c1", true, "# app\nBuild with make.");
    io.toolUse("c2", "exec", io.object().put("command", "make test"));
    io.sleep(step);
    io.toolResult("c2", true, "all 12 tests passed");
    io.text("All tests pass");
    io.result("completed", "Ran the test suite: all tests pass");
    return 0;
  }
}
