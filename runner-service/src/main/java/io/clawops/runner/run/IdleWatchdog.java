package io.clawops.runner.run;

import io.clawops.contracts.message.Timeouts;
import java.util.Optional;

/**
 * Decides whether a silent agent must be stopped (DESIGN §7): past {@code idleSeconds} without a
 * stdout line, or past {@code toolIdleSeconds} while a tool call awaits its result, since tools
 * such as builds are legitimately quiet for longer.
 */
public final class IdleWatchdog {

  private IdleWatchdog() {}

  /** The stop message when the agent has been silent too long, else empty. */
  public static Optional<String> check(
      long silentMillis, boolean toolCallPending, Timeouts limits) {
    long limitSeconds = toolCallPending ? limits.toolIdleSeconds() : limits.idleSeconds();
    if (silentMillis < limitSeconds * 1000L) {
      return Optional.empty();
    }
    return Optional.of(
        toolCallPending
            ? "agent silent for "
                + limitSeconds
                + "s while a tool call awaited its result (toolIdleSeconds)"
            : "agent silent for " + limitSeconds + "s (idleSeconds)");
  }
}
