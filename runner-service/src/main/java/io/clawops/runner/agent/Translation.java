package io.clawops.runner.agent;

import io.clawops.contracts.message.RunEvent;

/** What one stdout line of an agent means to the runner. */
public sealed interface Translation {

  /** A run event to publish. */
  record Event(RunEvent event) implements Translation {}

  /** The agent's final word, remembered for {@code run.finished}. */
  record Result(AgentResult result) implements Translation {}

  /**
   * The agent hit a failure that waiting cannot heal (a rejected API key): the run is stopped now
   * with this reason code; {@code message} is sanitized when used.
   */
  record Stop(String code, String message) implements Translation {}

  /** Text for the runner log only, already sanitized and capped. */
  record Log(String text) implements Translation {}
}
