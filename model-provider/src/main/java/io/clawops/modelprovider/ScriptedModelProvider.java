package io.clawops.modelprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model provider on loopback that plays scripts (see {@link Scenario}) in the wire formats of the
 * Anthropic Messages API ({@code /v1/messages}), the OpenAI Responses API ({@code /v1/responses})
 * and the Gemini API ({@code /v1beta/models/M:streamGenerateContent}), so real agent CLIs run
 * against it unmodified through their base-URL settings.
 */
public final class ScriptedModelProvider implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(ScriptedModelProvider::daemon);
  private final PrintStream requestLog;

  private ScriptedModelProvider(HttpServer server, PrintStream requestLog) {
    this.server = server;
    this.requestLog = requestLog;
  }

  /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
  public static ScriptedModelProvider start(int port, PrintStream requestLog) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ScriptedModelProvider provider = new ScriptedModelProvider(server, requestLog);
    server.createContext("/", provider::handle);
    server.setExecutor(provider.threads);
    server.start();
    return provider;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  private void handle(HttpExchange http) {
    Exchange exchange = new Exchange(http);
    try {
      String path = exchange.path();
      if (requestLog != null) {
        requestLog.println(http.getRequestMethod() + " " + path);
      }
      if (!"POST".equals(http.getRequestMethod())) {
        notFound(exchange);
        return;
      }
      JsonNode body = exchange.body();
      if (path.endsWith("/messages/count_tokens")) {
        exchange.json(200, Exchange.JSON.createObjectNode().put("input_tokens", 100));
      } else if (path.endsWith("/messages")) {
        AnthropicMessages.handle(exchange, body);
      } else if (path.endsWith("/responses")) {
        OpenAiResponses.handle(exchange, body);
      } else if (path.contains(":streamGenerateContent") || path.contains(":generateContent")) {
        GeminiContent.handle(exchange, body);
      } else if (path.contains(":countTokens")) {
        exchange.json(200, Exchange.JSON.createObjectNode().put("totalTokens", 100));
      } else {
        notFound(exchange);
      }
    } catch (IOException | RuntimeException e) {
      // The client hung up or sent something unreadable; its retry is its own business.
      http.close();
    }
  }

  private static void notFound(Exchange exchange) throws IOException {
    ObjectNode body = Exchange.JSON.createObjectNode();
    body.putObject("error").put("message", "not found: " + exchange.path());
    exchange.json(404, body);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "scripted-provider");
    thread.setDaemon(true);
    return thread;
  }

  /** Runs standalone: {@code java -jar model-provider.jar [port]}; prints the base URL. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    ScriptedModelProvider provider = start(port, System.out);
    System.out.println("scripted model provider listening on " + provider.baseUrl());
    Runtime.getRuntime().addShutdownHook(new Thread(provider::close));
    Thread.currentThread().join();
  }
}
