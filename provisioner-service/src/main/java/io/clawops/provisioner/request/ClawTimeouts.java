package io.clawops.provisioner.request;

import io.clawops.contracts.message.Timeouts;

/** Every time budget of a claw in seconds: the provision deadline plus those of each run. */
public record ClawTimeouts(
    int provisionSeconds,
    int runSeconds,
    int idleSeconds,
    int toolIdleSeconds,
    int heartbeatSeconds) {

  /** The defaults of DESIGN §10. */
  public static final ClawTimeouts DEFAULTS = new ClawTimeouts(600, 3600, 300, 1800, 10);

  /** The budgets a run needs, as carried by {@code task.dispatched}. */
  public Timeouts runTimeouts() {
    return new Timeouts(runSeconds, idleSeconds, toolIdleSeconds, heartbeatSeconds);
  }
}
