package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/**
 * {@code crash}: starts working, writes a panic to stderr and exits with {@code exit-code} (default
 * 3) without a result line.
 */
public final class Crash implements Scenario {

  /** The first stderr line, so tests can find it in failure messages. */
  public static final String PANIC = "panic: runtime error: index out of range [3] with length 3";

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    io.text("Starting the build");
    io.toolUse("c1", "exec", io.object().put("command", "make build"));
    io.flush();
    io.stderr(PANIC);
    io.stderr("goroutine 1 [running]:\nmain.main()\n\t/src/main.go:12 +0x1d");
    return (int) spec.number("exit-code", 3);
  }
}
