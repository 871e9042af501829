package io.clawops.status.persistence;

import io.clawops.contracts.codec.UtcTimestamps;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one {@code COPY … FROM STDIN} in PostgreSQL's text format: how the fold appends timeline
 * lines and outbox records and stages documents, with far less work per row for the server than an
 * {@code INSERT} of the same rows (DESIGN §9). Rows are inserted in the order they were added.
 *
 * <p>The rows are kept as UTF-8 in chunks of {@value #CHUNK} bytes and sent as they are: a batch's
 * megabytes never become one large array (which the JVM's collector handles at a cost of its own)
 * nor a string copied again on its way to the socket.
 */
final class CopyRows {

  /** How the text format writes a null. */
  private static final String NULL = "\\N";

  static final int CHUNK = 64 * 1024;

  private final List<byte[]> full = new ArrayList<>();
  private byte[] chunk = new byte[CHUNK];
  private int used;
  private boolean rowStarted;
  private int count;

  CopyRows uuid(UUID value) {
    return raw(value.toString());
  }

  CopyRows text(String value) {
    if (value == null) {
      return raw(NULL);
    }
    separate();
    if (value.indexOf('\\') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\t') < 0) {
      // Most texts need no escape at all: JSON has no raw control characters, rarely a backslash.
      utf8(value);
      return this;
    }
    // Runs without a special character go in whole.
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      String escaped =
          switch (value.charAt(i)) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
          };
      if (escaped != null) {
        utf8(value.substring(from, i));
        ascii(escaped);
        from = i + 1;
      }
    }
    utf8(value.substring(from));
    return this;
  }

  CopyRows timestamp(Instant value) {
    return raw(value == null ? NULL : timestampText(value));
  }

  /**
   * How PostgreSQL reads {@code value}: ISO-8601 in UTC for the years 1 to 9999 and later ones
   * (without the sign ISO-8601 puts before a fifth digit), and years before 1 as years BC (ISO year
   * 0 is 1 BC). The contract accepts any year java.time parses.
   */
  static String timestampText(Instant value) {
    String iso = UtcTimestamps.format(value);
    if (iso.charAt(0) == '+') {
      return iso.substring(1);
    }
    if (iso.charAt(0) != '-' && !iso.startsWith("0000-")) {
      return iso;
    }
    OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
    // Locale.ROOT: ASCII digits whatever the JVM's default locale.
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02d %02d:%02d:%02d.%09d+00 BC",
        1 - utc.getYear(),
        utc.getMonthValue(),
        utc.getDayOfMonth(),
        utc.getHour(),
        utc.getMinute(),
        utc.getSecond(),
        utc.getNano());
  }

  CopyRows integer(long value) {
    return raw(Long.toString(value));
  }

  CopyRows integerOrNull(Integer value) {
    return raw(value == null ? NULL : value.toString());
  }

  CopyRows bool(boolean value) {
    return raw(value ? "t" : "f");
  }

  /** Ends the current row. */
  void endRow() {
    put((byte) '\n');
    rowStarted = false;
    count++;
  }

  int size() {
    return count;
  }

  /** Copies the rows with {@code copySql} ({@code COPY table (columns) FROM STDIN}). */
  long copy(Connection connection, String copySql) throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      for (byte[] bytes : full) {
        copy.writeToCopy(bytes, 0, bytes.length);
      }
      if (used > 0) {
        copy.writeToCopy(chunk, 0, used);
      }
      return copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private CopyRows raw(String value) {
    separate();
    ascii(value);
    return this;
  }

  private void separate() {
    if (rowStarted) {
      put((byte) '\t');
    }
    rowStarted = true;
  }

  /** Text known to be ASCII (numbers, ids, timestamps, escapes), a byte per character. */
  private void ascii(String value) {
    for (int i = 0; i < value.length(); i++) {
      put((byte) value.charAt(i));
    }
  }

  private void utf8(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int from = 0;
    while (from < bytes.length) {
      if (used == CHUNK) {
        nextChunk();
      }
      int n = Math.min(CHUNK - used, bytes.length - from);
      System.arraycopy(bytes, from, chunk, used, n);
      used += n;
      from += n;
    }
  }

  private void put(byte b) {
    if (used == CHUNK) {
      nextChunk();
    }
    chunk[used++] = b;
  }

  private void nextChunk() {
    full.add(chunk);
    chunk = new byte[CHUNK];
    used = 0;
  }
}
