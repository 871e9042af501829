package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code POST /v1/responses} of the OpenAI Responses API, streamed as server-sent events. */
final class OpenAiResponses {

  private static final AtomicLong IDS = new AtomicLong();

  private OpenAiResponses() {}

  static void handle(Exchange exchange, JsonNode request) throws IOException {
    String model = request.path("model").asText("");
    Turn turn = Script.next(Scenario.forModel(model), read(request, exchange.apiKey()));
    if (turn instanceof Turn.Failure failure) {
      ObjectNode body = Exchange.JSON.createObjectNode();
      body.putObject("error")
          .put("message", failure.message())
          .put("type", failure.kind())
          .put("code", code(failure));
      exchange.json(failure.status() == 529 ? 503 : failure.status(), body);
      return;
    }
    String id = "resp_scripted_" + IDS.incrementAndGet();
    exchange.startEvents();
    ObjectNode created = event("response.created");
    created.putObject("response").put("id", id).put("model", model).put("status", "in_progress");
    exchange.event("response.created", created);
    if (turn instanceof Turn.Silence) {
      exchange.holdSilent();
      return;
    }
    ObjectNode done = event("response.output_item.done").put("output_index", 0);
    done.set("item", item(turn, request.path("tools")));
    exchange.event("response.output_item.done", done);
    ObjectNode completed = event("response.completed");
    ObjectNode response = completed.putObject("response").put("id", id).put("status", "completed");
    response
        .putObject("usage")
        .put("input_tokens", 100)
        .put("output_tokens", 12)
        .put("total_tokens", 112);
    exchange.event("response.completed", completed);
    exchange.endEvents();
  }

  static Conversation read(JsonNode request, String apiKey) {
    int toolResults = 0;
    boolean hub = false;
    for (JsonNode item : request.path("input")) {
      String type = item.path("type").asText("");
      if (type.endsWith("_output")) {
        toolResults++;
      }
      for (JsonNode part : item.path("content")) {
        hub |= part.path("text").asText("").contains(Conversation.HUB_MARKER);
      }
    }
    return new Conversation(toolResults, hub, apiKey);
  }

  private static JsonNode item(Turn turn, JsonNode tools) {
    String itemId = "item_scripted_" + IDS.incrementAndGet();
    if (turn instanceof Turn.ShellCall call) {
      String tool = ShellTool.name(ShellTool.names(tools), "shell");
      ObjectNode arguments = Exchange.JSON.createObjectNode();
      if (commandIsArray(tools, tool)) {
        arguments.putArray("command").add("bash").add("-lc").add(call.command());
      } else if (hasParameter(tools, tool, "cmd")) {
        arguments.put("cmd", call.command());
      } else {
        arguments.put("command", call.command());
      }
      return Exchange.JSON
          .createObjectNode()
          .put("type", "function_call")
          .put("id", itemId)
          .put("call_id", "call_scripted_" + IDS.incrementAndGet())
          .put("name", tool)
          .put("arguments", arguments.toString())
          .put("status", "completed");
    }
    ObjectNode message =
        Exchange.JSON
            .createObjectNode()
            .put("type", "message")
            .put("id", itemId)
            .put("role", "assistant")
            .put("status", "completed");
    message
        .putArray("content")
        .addObject()
        .put("type", "output_text")
        .put("text", ((Turn.Answer) turn).text())
        .putArray("annotations");
    return message;
  }

  private static boolean commandIsArray(JsonNode tools, String tool) {
    return "array".equals(parameter(tools, tool, "command").path("type").asText());
  }

  private static boolean hasParameter(JsonNode tools, String tool, String name) {
    return !parameter(tools, tool, name).isMissingNode();
  }

  private static JsonNode parameter(JsonNode tools, String tool, String name) {
    for (JsonNode declared : tools) {
      if (tool.equals(declared.path("name").asText())) {
        return declared.path("parameters").path("properties").path(name);
      }
    }
    return Exchange.JSON.missingNode();
  }

  private static String code(Turn.Failure failure) {
    return switch (failure.status()) {
      case 401 -> "invalid_api_key";
      case 429 -> "rate_limit_exceeded";
      case 400 -> "context_length_exceeded";
      default -> "server_error";
    };
  }

  private static ObjectNode event(String type) {
    return Exchange.JSON.createObjectNode().put("type", type);
  }
}
