package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/**
 * {@code flood}: prints {@code lines} lines (default 20000) in bursts of {@code burst} (default
 * 500) every {@code pause-ms} (default 100), a mix of text, tool calls and tool results, then
 * completes; a busy agent for checking that liveness does not suffer from event volume.
 */
public final class Flood implements Scenario {

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    long lines = spec.number("lines", 20_000);
    long burst = Math.max(1, spec.number("burst", 500));
    long pause = spec.number("pause-ms", 100);
    io.autoFlush(false);
    for (long i = 0; i < lines; i++) {
      String callId = "c" + (i / 3);
      switch ((int) (i % 3)) {
        case 0 -> io.toolUse(callId, "read_file", io.object().put("path", "src/f" + i + ".c"));
        case 1 -> io.toolResult(callId, true, "content of file " + i);
        default -> io.text("progress line " + i);
      }
      if ((i + 1) % burst == 0) {
        io.flush();
        io.sleep(pause);
      }
    }
    io.autoFlush(true);
    io.result("completed", "Printed " + lines + " lines");
    return 0;
  }
}
