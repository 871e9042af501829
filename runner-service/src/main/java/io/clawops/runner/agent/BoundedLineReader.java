package io.clawops.runner.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits an agent's output into lines without ever holding more than {@code maxBytes} of one line:
 * the rest of an oversized line is skipped, so a runaway agent cannot exhaust the runner's memory.
 */
public final class BoundedLineReader {

  /** One line without its terminator; {@code cut} when bytes past the limit were dropped. */
  public record Line(String text, boolean cut) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[8192];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int position;
  private int limit;

  public BoundedLineReader(InputStream in, int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at the end of the stream. */
  public Line next() throws IOException {
    line.reset();
    boolean cut = false;
    boolean started = false;
    while (true) {
      if (position == limit && !fill()) {
        return started ? finish(cut) : null;
      }
      started = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      int room = maxBytes - line.size();
      line.write(buffer, start, Math.min(length, room));
      cut |= length > room;
      if (position < limit) {
        position++;
        return finish(cut);
      }
    }
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer);
    position = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }

  private Line finish(boolean cut) {
    String text = line.toString(StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    return new Line(text, cut);
  }
}
