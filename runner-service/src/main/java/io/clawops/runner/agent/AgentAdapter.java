package io.clawops.runner.agent;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Reads one agent's native stdout (its {@link AgentFormat}) and says what it means as run events,
 * and writes what the runner has to say to the agent in a form that agent takes. One instance per
 * run; lines come in order from one thread.
 */
public interface AgentAdapter {

  /**
   * What one stdout line means, possibly several events: the events carry {@code firstSeq}, {@code
   * firstSeq + 1}, … in list order, so a caller consumes exactly one number per event.
   */
  List<Translation> translateLine(String line, long firstSeq);

  /** True while a tool call has no result yet. */
  boolean toolCallPending();

  /** Whether any line of the format came, for telling garbage from a crash. */
  boolean sawProtocolLine();

  /** The agent's final word, or null. */
  AgentResult result();

  /** Lines written to stdin right after the start (the prompt, for agents that read it there). */
  default List<String> openingLines() {
    return List.of();
  }

  /** True when the agent reads stdin during the run; else stdin is closed right after the start. */
  default boolean readsStdin() {
    return true;
  }

  /** True when stdin must be closed once the result came, or the agent would wait for more. */
  default boolean closeStdinAfterResult() {
    return false;
  }

  /**
   * True when the adapter itself reports a hub message delivered (a {@code
   * run.hub_message_delivered} event) once the agent shows it took the message in; else the run
   * reports it delivered when the line was written to stdin.
   */
  default boolean confirmsDelivery() {
    return false;
  }

  /** The stdin line that hands a hub message to the agent; empty when it cannot take one. */
  Optional<String> hubMessageLine(UUID commandId, String text);

  /**
   * How long the model has given no answer (retries are not answers), for agents whose model calls
   * the runner times; empty when the agent reports model timeouts itself.
   */
  default OptionalLong modelSilentMillis() {
    return OptionalLong.empty();
  }

  /**
   * True when an agent that printed its result but does not exit is stopped after a short grace
   * (agent CLIs); ClawOps' own protocol leaves that to the watchdogs.
   */
  default boolean stopsLingeringAfterResult() {
    return false;
  }

  /** The provider trouble seen last (a reason code and what happened), or null. */
  default String providerTrouble() {
    return null;
  }
}
