package io.clawops.status.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clawops.testkit.PostgresTestServer;
import io.clawops.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows written with {@code COPY} read back exactly as given, in the order given. */
class CopyRowsTest {

  private static final String DATABASE = "clawops_copy_test";

  @BeforeAll
  static void table() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS copied (id BIGSERIAL PRIMARY KEY, claw_id UUID NOT NULL,"
              + " at TIMESTAMPTZ NOT NULL, summary TEXT, attempt INT NOT NULL,"
              + " stale BOOLEAN NOT NULL)");
    }
  }

  @Test
  void shouldStoreEveryCharacterTheTextFormatTreatsSpeciallyVerbatimAndInOrder()
      throws SQLException {
    UUID clawId = UUID.randomUUID();
    Instant at = Instant.parse("2026-12-02T10:15:30.123456Z");
    List<String> summaries =
        List.of(
            "tab\there",
            "two\nlines\r\nand a carriage return",
            "back\\slash and a literal \\N",
            "\\.",
            "\\N",
            "",
            "ümlaut and emoji \uD83E\uDD80");
    CopyRows rows = new CopyRows();
    for (int i = 0; i < summaries.size(); i++) {
      rows.uuid(clawId)
          .timestamp(at.plusSeconds(i))
          .text(summaries.get(i))
          .integer(i)
          .bool(i % 2 == 0)
          .endRow();
    }
    rows.uuid(clawId).timestamp(at).text(null).integer(99).bool(false).endRow();

    try (Connection connection = connect()) {
      long copied =
          rows.copy(connection, "COPY copied (claw_id, at, summary, attempt, stale) FROM STDIN");
      assertThat(copied).isEqualTo(summaries.size() + 1);
    }

    List<String> read = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    try (Connection connection = connect();
        var query =
            connection.prepareStatement(
                "SELECT at, summary, attempt, stale FROM copied WHERE claw_id = ? ORDER BY id")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          int attempt = result.getInt(3);
          attempts.add(attempt);
          read.add(result.getString(2));
          if (attempt < summaries.size()) {
            assertThat(result.getTimestamp(1).toInstant()).isEqualTo(at.plusSeconds(attempt));
            assertThat(result.getBoolean(4)).isEqualTo(attempt % 2 == 0);
          }
        }
      }
    }
    List<String> expected = new ArrayList<>(summaries);
    expected.add(null);
    assertThat(read).isEqualTo(expected);
    assertThat(attempts).containsExactly(0, 1, 2, 3, 4, 5, 6, 99);
  }

  @Test
  void shouldStoreRowsLargerThanAChunkWhateverFallsOnTheChunkBoundaries() throws SQLException {
    UUID clawId = UUID.randomUUID();
    // Multi-byte characters and escapes at every offset of the chunk boundaries.
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 3 * CopyRows.CHUNK; i++) {
      text.append(i % 7 == 0 ? "\uD83E\uDD80" : i % 5 == 0 ? "\\\t" : i % 3 == 0 ? "ü" : "a");
    }
    // The second starts one character later (after the leading emoji), so its boundaries shift.
    List<String> summaries = List.of(text.toString(), text.substring(2), "after");
    CopyRows rows = new CopyRows();
    for (int i = 0; i < summaries.size(); i++) {
      rows.uuid(clawId).timestamp(Instant.EPOCH).text(summaries.get(i)).integer(i).bool(true);
      rows.endRow();
    }

    try (Connection connection = connect()) {
      assertThat(
              rows.copy(
                  connection, "COPY copied (claw_id, at, summary, attempt, stale) FROM STDIN"))
          .isEqualTo(3);
      try (var query =
          connection.prepareStatement("SELECT summary FROM copied WHERE claw_id = ? ORDER BY id")) {
        query.setObject(1, clawId);
        List<String> read = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
          while (result.next()) {
            read.add(result.getString(1));
          }
        }
        assertThat(read).isEqualTo(summaries);
      }
    }
  }

  @Test
  void shouldStoreTimestampsBeyondTheYears1To9999AsPostgresqlReadsThem() throws SQLException {
    UUID clawId = UUID.randomUUID();
    List<Instant> times =
        List.of(
            Instant.parse("+10000-03-04T05:06:07.5Z"),
            Instant.parse("0000-12-31T23:59:59Z"),
            Instant.parse("-0004-01-02T03:04:05Z"),
            Instant.parse("0001-01-01T00:00:00Z"));
    CopyRows rows = new CopyRows();
    for (int i = 0; i < times.size(); i++) {
      rows.uuid(clawId).timestamp(times.get(i)).text("t").integer(i).bool(false).endRow();
    }
    List<String> read = new ArrayList<>();
    try (Connection connection = connect()) {
      rows.copy(connection, "COPY copied (claw_id, at, summary, attempt, stale) FROM STDIN");
      try (var query =
          connection.prepareStatement(
              "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS BC')"
                  + " FROM copied WHERE claw_id = ? ORDER BY id")) {
        query.setObject(1, clawId);
        try (ResultSet result = query.executeQuery()) {
          while (result.next()) {
            read.add(result.getString(1));
          }
        }
      }
    }
    // ISO-8601 year 0 is 1 BC, year -4 is 5 BC.
    assertThat(read)
        .containsExactly(
            "10000-03-04 05:06:07.500 AD",
            "0001-12-31 23:59:59.000 BC",
            "0005-01-02 03:04:05.000 BC",
            "0001-01-01 00:00:00.000 AD");
  }

  @Test
  void shouldWriteABcTimestampInAsciiDigitsWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    Locale thaiDigits = Locale.forLanguageTag("th-TH-u-nu-thai");
    assertThat(String.format(thaiDigits, "%d", 5)).isNotEqualTo("5");
    try {
      Locale.setDefault(thaiDigits);
      assertThat(CopyRows.timestampText(Instant.parse("-0004-01-02T03:04:05Z")))
          .isEqualTo("0005-01-02 03:04:05.000000000+00 BC");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldStoreANullTimestampAndANullNumberAsNull() throws SQLException {
    UUID clawId = UUID.randomUUID();
    CopyRows rows = new CopyRows();
    rows.uuid(clawId).timestamp(null).integerOrNull(null).endRow();
    rows.uuid(clawId).timestamp(Instant.EPOCH).integerOrNull(7).endRow();

    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS copied_nullable (id BIGSERIAL PRIMARY KEY,"
              + " claw_id UUID NOT NULL, at TIMESTAMPTZ, attempt INT)");
      rows.copy(connection, "COPY copied_nullable (claw_id, at, attempt) FROM STDIN");
      try (var query =
          connection.prepareStatement(
              "SELECT at, attempt FROM copied_nullable WHERE claw_id = ? ORDER BY id")) {
        query.setObject(1, clawId);
        try (ResultSet result = query.executeQuery()) {
          assertThat(result.next()).isTrue();
          assertThat(result.getTimestamp(1)).isNull();
          assertThat(result.getObject(2)).isNull();
          assertThat(result.next()).isTrue();
          assertThat(result.getTimestamp(1).toInstant()).isEqualTo(Instant.EPOCH);
          assertThat(result.getInt(2)).isEqualTo(7);
          assertThat(result.next()).isFalse();
        }
      }
    }
  }

  @Test
  void shouldFailTheWholeCopyWhenOneRowIsRefused() throws SQLException {
    UUID clawId = UUID.randomUUID();
    CopyRows rows = new CopyRows();
    rows.uuid(clawId).timestamp(Instant.EPOCH).text("kept?").integer(1).bool(true).endRow();
    rows.uuid(clawId).timestamp(Instant.EPOCH).text("no attempt").text(null).bool(true).endRow();

    try (Connection connection = connect()) {
      assertThatThrownBy(
              () ->
                  rows.copy(
                      connection, "COPY copied (claw_id, at, summary, attempt, stale) FROM STDIN"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("attempt");
    }
    try (Connection connection = connect();
        var query = connection.prepareStatement("SELECT count(*) FROM copied WHERE claw_id = ?")) {
      query.setObject(1, clawId);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        assertThat(result.getLong(1)).isZero();
      }
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        TestInfrastructure.postgres().jdbcUrl(DATABASE),
        PostgresTestServer.USERNAME,
        PostgresTestServer.PASSWORD);
  }
}
