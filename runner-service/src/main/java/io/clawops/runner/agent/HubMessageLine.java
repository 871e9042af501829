package io.clawops.runner.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/** The stdin line that hands a hub message to the agent (DESIGN §5). */
public final class HubMessageLine {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HubMessageLine() {}

  /** {@code {"type":"hub_message","id":"<commandId>","text":"…"}}, one line. */
  public static String encode(UUID commandId, String text) {
    return JSON.createObjectNode()
        .put("type", "hub_message")
        .put("id", commandId.toString())
        .put("text", text)
        .toString();
  }
}
