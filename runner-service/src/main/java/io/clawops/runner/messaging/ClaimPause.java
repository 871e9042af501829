package io.clawops.runner.messaging;

import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Test hook, off unless the environment sets {@code CLAWOPS_RUNNER_TEST_PAUSE_AT}: the claim loop
 * stops for good at the named step so a fault test can kill the runner exactly there. Steps: {@code
 * before-claimed} (the task was taken, {@code run.claimed} not sent) and {@code before-start}
 * ({@code run.claimed} acknowledged and the task committed, the agent not started). Read only from
 * the environment, never from configuration a deployment ships.
 */
final class ClaimPause {

  static final String VARIABLE = "CLAWOPS_RUNNER_TEST_PAUSE_AT";

  private static final Logger LOG = Logger.getLogger(ClaimPause.class);
  private static final String STEP = read(System.getenv(VARIABLE));

  private ClaimPause() {}

  /** Blocks this thread until it is interrupted when the hook names {@code step}; else returns. */
  static void at(String step, String what) throws InterruptedException {
    if (!step.equals(STEP)) {
      return;
    }
    LOG.warnf("test hook %s: paused %s for %s", VARIABLE, step, what);
    Object never = new Object();
    synchronized (never) {
      while (true) {
        never.wait();
      }
    }
  }

  private static String read(String value) {
    return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
  }
}
