package io.clawops.simagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent's side of the protocol: writes JSON Lines to stdout, diagnostics to stderr, and
 * collects hub messages arriving on stdin in the background.
 */
public final class AgentIo {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;
  private final PrintStream err;
  private final BlockingQueue<HubMessage> inbox = new LinkedBlockingQueue<>();
  private boolean autoFlush = true;

  public AgentIo(OutputStream out, PrintStream err) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.err = err;
  }

  /** Starts a daemon thread that reads hub messages from {@code in} until it ends. */
  public void listen(InputStream in) {
    Thread reader = new Thread(() -> readHubMessages(in), "sim-agent-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void readHubMessages(InputStream in) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        try {
          JsonNode message = JSON.readTree(line);
          if (message != null && "hub_message".equals(message.path("type").asText())) {
            inbox.add(new HubMessage(message.path("id").asText(), message.path("text").asText()));
          }
        } catch (IOException e) {
          err.println("sim-agent: ignoring a stdin line that is not JSON");
        }
      }
    } catch (IOException e) {
      // The runner closed stdin: no more hub messages will come.
    }
  }

  public void text(String text) {
    emit(line("text").put("text", text));
  }

  public void toolUse(String callId, String tool, JsonNode input) {
    ObjectNode line = line("tool_use").put("callId", callId).put("tool", tool);
    line.set("input", input);
    emit(line);
  }

  public void toolResult(String callId, boolean ok, String output) {
    emit(line("tool_result").put("callId", callId).put("ok", ok).put("output", output));
  }

  public void model(String phase, String model, Long latencyMs) {
    ObjectNode line = line("model").put("phase", phase).put("model", model);
    if (latencyMs != null) {
      line.put("latencyMs", latencyMs);
    }
    emit(line);
  }

  public void error(String code, String message) {
    emit(line("error").put("code", code).put("message", message));
  }

  public void result(String status, String summary) {
    emit(line("result").put("status", status).put("summary", summary));
  }

  /** A diagnostic on stderr, as a crashing or chatty agent writes it. */
  public void stderr(String text) {
    err.println(text);
    err.flush();
  }

  /** A JSON object for tool inputs. */
  public ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Whether each line is flushed at once (the default, so the runner sees progress as it happens);
   * a flooding scenario turns it off and calls {@link #flush()} per burst.
   */
  public void autoFlush(boolean enabled) {
    this.autoFlush = enabled;
  }

  public synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next hub message that already arrived, if any. */
  public Optional<HubMessage> pollHubMessage() {
    return Optional.ofNullable(inbox.poll());
  }

  /** Waits up to {@code timeout} for a hub message. */
  public Optional<HubMessage> awaitHubMessage(Duration timeout) {
    try {
      return Optional.ofNullable(inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode line(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private synchronized void emit(ObjectNode line) {
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
      if (autoFlush) {
        out.flush();
      }
    } catch (IOException e) {
      // The runner stopped reading (it is stopping us): nothing useful left to do.
      throw new UncheckedIOException(e);
    }
  }
}
