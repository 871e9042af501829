package io.clawops.provisioner.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the files under a directory over HTTP, which is all git's "dumb" HTTP protocol needs, and
 * misbehaves on request: a few 5xx answers first, a fixed status for everything, or a required
 * {@code Authorization} header.
 */
public final class DumbHttpGitServer implements AutoCloseable {

  private final Path root;
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failFirst;
  private volatile int failStatus;
  private volatile int alwaysStatus;
  private volatile String requiredAuthorization;
  private volatile String redirectBase;

  private DumbHttpGitServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code root} on a free loopback port. */
  public static DumbHttpGitServer serve(Path root) {
    try {
      return new DumbHttpGitServer(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers {@code status} to the first {@code count} requests, then serves normally. */
  public DumbHttpGitServer failFirst(int count, int status) {
    this.failStatus = status;
    this.failFirst = count;
    return this;
  }

  /** Answers {@code status} to every request. */
  public DumbHttpGitServer always(int status) {
    this.alwaysStatus = status;
    return this;
  }

  /** Answers 401 unless the request carries exactly this {@code Authorization} header. */
  public DumbHttpGitServer requireAuthorization(String value) {
    this.requiredAuthorization = value;
    return this;
  }

  /** Answers every request with a 302 to the same path under {@code base} (no trailing slash). */
  public DumbHttpGitServer redirectTo(String base) {
    this.redirectBase = base;
    return this;
  }

  /** The URL of a path under the served directory. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int number = requests.incrementAndGet();
    try (exchange) {
      if (redirectBase != null) {
        exchange.getResponseHeaders().add("Location", redirectBase + exchange.getRequestURI());
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      if (alwaysStatus != 0) {
        if (alwaysStatus == 401) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        }
        exchange.sendResponseHeaders(alwaysStatus, -1);
        return;
      }
      if (number <= failFirst) {
        exchange.sendResponseHeaders(failStatus, -1);
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] content = Files.readAllBytes(file);
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, content.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(content);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
