package io.clawops.status.persistence;

import io.clawops.contracts.codec.UtcTimestamps;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Rows for one {@code COPY … FROM STDIN} in PostgreSQL's text format: how the fold appends timeline
 * lines and outbox records, with far less work per row for the server than an {@code INSERT} of the
 * same rows (DESIGN §9). Rows are inserted in the order they were added.
 */
final class CopyRows {

  /** How the text format writes a null. */
  private static final String NULL = "\\N";

  private final StringBuilder rows = new StringBuilder(4096);
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
      rows.append(value);
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
        rows.append(value, from, i).append(escaped);
        from = i + 1;
      }
    }
    rows.append(value, from, value.length());
    return this;
  }

  CopyRows timestamp(Instant value) {
    return raw(value == null ? NULL : UtcTimestamps.format(value));
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
    rows.append('\n');
    rowStarted = false;
    count++;
  }

  int size() {
    return count;
  }

  /** Copies the rows with {@code copySql} ({@code COPY table (columns) FROM STDIN}). */
  long copy(Connection connection, String copySql) throws SQLException {
    try {
      return connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(copySql, new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("could not stream rows to " + copySql, e);
    }
  }

  private CopyRows raw(String value) {
    separate();
    rows.append(value);
    return this;
  }

  private void separate() {
    if (rowStarted) {
      rows.append('\t');
    }
    rowStarted = true;
  }
}
