package io.clawops.runner.run;

/** Why the runner stopped an agent instead of letting it exit by itself. */
public enum StopCause {
  HARD_TIMEOUT,
  IDLE_WATCHDOG,
  CANCEL,
  SHUTDOWN,
  /** The model gave no answer for the model profile's idleTimeoutSeconds (M1). */
  MODEL_TIMEOUT,
  /** The agent hit a failure no wait can heal (a rejected API key); the stop carries its code. */
  AGENT_FAILURE,
  /** The agent printed its result but did not exit within the grace. */
  RESULT_LINGER
}
