package io.clawops.modelprovider;

/**
 * What the scripts need to know about a request's conversation, read the same way from every wire
 * format: how many tool results came back so far and whether a hub message reached the agent.
 *
 * @param toolResults tool results in the request's history
 * @param hubMessage true when a user message after the first carries the ClawOps hub marker
 * @param apiKey the credential the client sent, for the scenario that echoes it
 */
public record Conversation(int toolResults, boolean hubMessage, String apiKey) {

  /** The text every hub message the runner forwards starts with; scripts look for it. */
  public static final String HUB_MARKER = "ClawOps hub message";
}
