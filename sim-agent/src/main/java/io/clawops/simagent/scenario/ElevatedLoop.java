package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.HubMessage;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code elevated-loop-recovers} / {@code elevated-loop-stubborn}: keeps calling {@code exec} with
 * {@code elevated: true}, which the runtime refuses, every {@code interval-ms} (default 500).
 *
 * <p>The recovering variant reads the first hub message, runs the command without elevation and
 * completes. The stubborn one acknowledges hub messages but keeps failing the same way. Both give
 * up after {@code max-tries} attempts (default 120 and 20) with a failed result and exit code 1.
 */
public final class ElevatedLoop implements Scenario {

  static final String ELEVATED_ERROR = "exec failed: elevated is not available";

  private final boolean recovers;

  public ElevatedLoop(boolean recovers) {
    this.recovers = recovers;
  }

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    Duration interval = Duration.ofMillis(spec.number("interval-ms", 500));
    long maxTries = spec.number("max-tries", recovers ? 120 : 20);
    io.text("Installing the project");
    for (long attempt = 1; attempt <= maxTries; attempt++) {
      String callId = "c" + attempt;
      io.toolUse(
          callId, "exec", io.object().put("command", "sudo make install").put("elevated", true));
      io.toolResult(callId, false, ELEVATED_ERROR);
      Optional<HubMessage> hub = io.awaitHubMessage(interval);
      if (hub.isPresent() && recovers) {
        return installWithoutElevation(io);
      }
      hub.ifPresent(message -> io.text("Hub message noted; elevation is still the way to go"));
    }
    io.error("agent.unknown", "gave up after " + maxTries + " elevated exec failures");
    io.result("failed", "could not install: elevated exec keeps failing");
    return 1;
  }

  private static int installWithoutElevation(AgentIo io) {
    io.text("Hub message received: installing without elevation");
    io.toolUse("c-user", "exec", io.object().put("command", "make install PREFIX=$HOME/.local"));
    io.toolResult("c-user", true, "installed to ~/.local");
    io.result("completed", "Installed without elevation");
    return 0;
  }
}
