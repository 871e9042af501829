package io.clawops.modelprovider;

/**
 * What the model says next, independent of the wire format: a tool call, a final text, or one of
 * the failures a provider produces.
 */
public sealed interface Turn {

  /** The model runs a shell command through the agent's shell tool. */
  record ShellCall(String command) implements Turn {}

  /** The model answers with text and ends its turn. */
  record Answer(String text) implements Turn {}

  /** The stream starts and then stays silent until the client gives up. */
  record Silence() implements Turn {}

  /** An HTTP error status with a provider error body. */
  record Failure(int status, String kind, String message) implements Turn {}
}
