package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code POST /v1/messages} of the Anthropic Messages API, streaming (SSE) or not. */
final class AnthropicMessages {

  private static final AtomicLong IDS = new AtomicLong();

  private AnthropicMessages() {}

  static void handle(Exchange exchange, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    Turn turn = Script.next(Scenario.forModel(model), read(request, exchange.apiKey()));
    if (turn instanceof Turn.Failure failure) {
      ObjectNode body = Exchange.JSON.createObjectNode().put("type", "error");
      body.putObject("error").put("type", failure.kind()).put("message", failure.message());
      exchange.json(failure.status(), body);
      return;
    }
    String tool = ShellTool.name(ShellTool.names(request.path("tools")), "Bash");
    if (!request.path("stream").asBoolean(false)) {
      exchange.json(200, message(model, turn, tool, true));
      return;
    }
    exchange.startEvents();
    ObjectNode start = message(model, turn, tool, false);
    exchange.event("message_start", object("message_start").set("message", start));
    if (turn instanceof Turn.Silence) {
      exchange.holdSilent();
      return;
    }
    JsonNode block = block(turn, tool);
    ObjectNode opening = block.deepCopy();
    if (turn instanceof Turn.ShellCall) {
      opening.set("input", Exchange.JSON.createObjectNode());
    } else {
      opening.put("text", "");
    }
    exchange.event(
        "content_block_start",
        object("content_block_start").put("index", 0).set("content_block", opening));
    ObjectNode delta =
        turn instanceof Turn.ShellCall
            ? Exchange.JSON
                .createObjectNode()
                .put("type", "input_json_delta")
                .put("partial_json", block.get("input").toString())
            : Exchange.JSON
                .createObjectNode()
                .put("type", "text_delta")
                .put("text", block.get("text").asText());
    exchange.event(
        "content_block_delta", object("content_block_delta").put("index", 0).set("delta", delta));
    exchange.event("content_block_stop", object("content_block_stop").put("index", 0));
    ObjectNode messageDelta = object("message_delta");
    messageDelta.putObject("delta").put("stop_reason", stopReason(turn)).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", 12);
    exchange.event("message_delta", messageDelta);
    exchange.event("message_stop", object("message_stop"));
    exchange.endEvents();
  }

  static Conversation read(JsonNode request, String apiKey) {
    int toolResults = 0;
    boolean hub = false;
    for (JsonNode message : request.path("messages")) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        hub |= content.asText().contains(Conversation.HUB_MARKER);
        continue;
      }
      for (JsonNode block : content) {
        if ("tool_result".equals(block.path("type").asText())) {
          toolResults++;
        } else if ("text".equals(block.path("type").asText())) {
          hub |= block.path("text").asText().contains(Conversation.HUB_MARKER);
        }
      }
    }
    return new Conversation(toolResults, hub, apiKey);
  }

  private static ObjectNode message(String model, Turn turn, String tool, boolean complete) {
    ObjectNode message =
        Exchange.JSON
            .createObjectNode()
            .put("id", "msg_scripted_" + IDS.incrementAndGet())
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    ArrayNode content = message.putArray("content");
    if (complete) {
      content.add(block(turn, tool));
    }
    message.put("stop_reason", complete ? stopReason(turn) : null).putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 100).put("output_tokens", complete ? 12 : 1);
    return message;
  }

  private static JsonNode block(Turn turn, String tool) {
    if (turn instanceof Turn.ShellCall call) {
      ObjectNode block =
          Exchange.JSON
              .createObjectNode()
              .put("type", "tool_use")
              .put("id", "toolu_scripted_" + IDS.incrementAndGet())
              .put("name", tool);
      block.putObject("input").put("command", call.command()).put("description", "run a command");
      return block;
    }
    String text = turn instanceof Turn.Answer answer ? answer.text() : "";
    return Exchange.JSON.createObjectNode().put("type", "text").put("text", text);
  }

  private static String stopReason(Turn turn) {
    return turn instanceof Turn.ShellCall ? "tool_use" : "end_turn";
  }

  private static ObjectNode object(String type) {
    return Exchange.JSON.createObjectNode().put("type", type);
  }
}
