package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * {@code POST /v1beta/models/MODEL:streamGenerateContent?alt=sse} and {@code :generateContent} of
 * the Gemini API; the model comes from the path.
 */
final class GeminiContent {

  private GeminiContent() {}

  static void handle(Exchange exchange, JsonNode request) throws IOException {
    String path = exchange.path();
    String model = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf(':'));
    Turn turn = Script.next(Scenario.forModel(model), read(request, exchange.apiKey()));
    if (turn instanceof Turn.Failure failure) {
      int status = failure.status() == 529 ? 503 : failure.status();
      ObjectNode body = Exchange.JSON.createObjectNode();
      body.putObject("error")
          .put("code", status)
          .put("message", failure.message())
          .put("status", status(status));
      exchange.json(status, body);
      return;
    }
    if (!path.contains(":streamGenerateContent")) {
      exchange.json(200, chunk(turn, request.path("tools")));
      return;
    }
    exchange.startEvents();
    if (turn instanceof Turn.Silence) {
      ObjectNode first = Exchange.JSON.createObjectNode();
      first
          .putArray("candidates")
          .addObject()
          .putObject("content")
          .put("role", "model")
          .putArray("parts")
          .addObject()
          .put("text", "Let me think");
      exchange.event(null, first);
      exchange.holdSilent();
      return;
    }
    exchange.event(null, chunk(turn, request.path("tools")));
    exchange.endEvents();
  }

  static Conversation read(JsonNode request, String apiKey) {
    int toolResults = 0;
    boolean hub = false;
    for (JsonNode content : request.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        if (part.has("functionResponse")) {
          toolResults++;
        }
        hub |= part.path("text").asText("").contains(Conversation.HUB_MARKER);
      }
    }
    return new Conversation(toolResults, hub, apiKey);
  }

  private static ObjectNode chunk(Turn turn, JsonNode tools) {
    ObjectNode chunk = Exchange.JSON.createObjectNode();
    ObjectNode candidate = chunk.putArray("candidates").addObject();
    ObjectNode part =
        candidate.putObject("content").put("role", "model").putArray("parts").addObject();
    if (turn instanceof Turn.ShellCall call) {
      ObjectNode functionCall =
          part.putObject("functionCall")
              .put("name", ShellTool.name(ShellTool.names(tools), "run_shell_command"));
      functionCall.putObject("args").put("command", call.command()).put("description", "run");
    } else {
      part.put("text", ((Turn.Answer) turn).text());
    }
    candidate.put("finishReason", "STOP").put("index", 0);
    chunk
        .putObject("usageMetadata")
        .put("promptTokenCount", 100)
        .put("candidatesTokenCount", 12)
        .put("totalTokenCount", 112);
    return chunk;
  }

  private static String status(int code) {
    return switch (code) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      default -> "INTERNAL";
    };
  }
}
