package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One request and its answer: JSON bodies, server-sent events, and holding a stream open. */
final class Exchange {

  static final ObjectMapper JSON = new ObjectMapper();

  /** How long a silent stream is held open at most, so a forgotten client cannot pin a thread. */
  private static final long SILENCE_MAX_MS = 600_000;

  private final HttpExchange http;
  private OutputStream stream;

  Exchange(HttpExchange http) {
    this.http = http;
  }

  String path() {
    return http.getRequestURI().getPath();
  }

  String query() {
    String query = http.getRequestURI().getRawQuery();
    return query == null ? "" : query;
  }

  String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  /** The credential the client sent, from whichever header its API uses. */
  String apiKey() {
    for (String name : new String[] {"x-api-key", "x-goog-api-key"}) {
      if (header(name) != null) {
        return header(name);
      }
    }
    String authorization = header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7);
    }
    String query = query();
    int key = query.indexOf("key=");
    return key < 0 ? null : query.substring(key + 4).split("&")[0];
  }

  JsonNode body() throws IOException {
    byte[] bytes = http.getRequestBody().readAllBytes();
    return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
  }

  void json(int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    http.getResponseHeaders().set("Content-Type", "application/json");
    http.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts a server-sent event stream. */
  void startEvents() throws IOException {
    http.getResponseHeaders().set("Content-Type", "text/event-stream");
    http.getResponseHeaders().set("Cache-Control", "no-cache");
    http.sendResponseHeaders(200, 0);
    stream = http.getResponseBody();
  }

  /** One event; {@code name} null for streams without event names (Gemini). */
  void event(String name, JsonNode data) throws IOException {
    StringBuilder text = new StringBuilder();
    if (name != null) {
      text.append("event: ").append(name).append('\n');
    }
    text.append("data: ").append(JSON.writeValueAsString(data)).append("\n\n");
    stream.write(text.toString().getBytes(StandardCharsets.UTF_8));
    stream.flush();
  }

  void endEvents() throws IOException {
    stream.close();
  }

  /** Keeps the started stream open without a byte until the client hangs up (or a cap). */
  void holdSilent() {
    long until = System.nanoTime() + SILENCE_MAX_MS * 1_000_000;
    try {
      while (System.nanoTime() < until) {
        Thread.sleep(1_000);
        // A zero-length write does not reach the socket, so probing costs nothing on the wire.
        stream.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client hung up: the silence is over.
    } finally {
      http.close();
    }
  }
}
