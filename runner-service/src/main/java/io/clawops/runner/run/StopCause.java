package io.clawops.runner.run;

/** Why the runner stopped an agent instead of letting it exit by itself. */
public enum StopCause {
  HARD_TIMEOUT,
  IDLE_WATCHDOG,
  CANCEL,
  SHUTDOWN
}
