package io.clawops.contracts.sanitize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts the body of a private key block that reaches ClawOps one line at a time (an agent's
 * stderr, its non-JSON log lines). {@link Sanitizer} sees a block whole only when it gets the whole
 * text; a line-by-line reader hands it the BEGIN line (which it redacts to the end of the line) and
 * then base64 lines that match no pattern. One instance per stream: after a BEGIN line without its
 * END, every following line is replaced by {@link Sanitizer#REDACTED} up to and including the END
 * line, or for at most {@link #MAX_BLOCK_LINES} lines. JSON lines (starting with <code>{</code>)
 * never belong to a block, so an agent protocol line is never swallowed.
 */
public final class PrivateKeyLines {

  /** More lines than any PEM or armored PGP private key has; a block never ends silently. */
  public static final int MAX_BLOCK_LINES = 400;

  private static final Pattern BEGIN =
      Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern END =
      Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");

  private int blockLines = -1;

  /** The line as it may be kept: itself, or the redaction marker while inside a key block. */
  public synchronized String redact(String line) {
    if (line == null) {
      return null;
    }
    boolean json = line.stripLeading().startsWith("{");
    if (blockLines >= 0 && !json) {
      Matcher end = END.matcher(line);
      if (end.find()) {
        blockLines = -1;
        return Sanitizer.REDACTED + line.substring(end.end());
      }
      if (++blockLines >= MAX_BLOCK_LINES) {
        blockLines = -1;
      }
      return Sanitizer.REDACTED;
    }
    blockLines = -1;
    Matcher begin = BEGIN.matcher(line);
    if (!json && begin.find() && !END.matcher(line).find(begin.end())) {
      blockLines = 0;
    }
    return line;
  }
}
