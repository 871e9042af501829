package io.clawops.e2e.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Read-only SQL over status-service's PostgreSQL database, for what REST does not show. */
public final class ClawDatabase {

  private final String jdbcUrl;
  private final String username;
  private final String password;

  ClawDatabase(String jdbcUrl, String username, String password) {
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
  }

  /** The event ids status-service recorded as applied for a claw (its idempotency ledger). */
  public Set<UUID> processedEventIds(UUID clawId) {
    Set<UUID> ids = new HashSet<>();
    query(
        "SELECT event_id FROM processed_event WHERE claw_id = ?",
        clawId,
        rows -> ids.add(rows.getObject(1, UUID.class)));
    return ids;
  }

  /** How many events status-service recorded as applied for all of {@code clawIds} together. */
  public long processedEventCount(java.util.Collection<UUID> clawIds) {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM processed_event WHERE claw_id = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", clawIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not count processed events", e);
    }
  }

  /** How many timeline rows a claw has. */
  public int timelineRows(UUID clawId) {
    List<Integer> count = new ArrayList<>();
    query(
        "SELECT count(*) FROM claw_timeline WHERE claw_id = ?",
        clawId,
        rows -> count.add(rows.getInt(1)));
    return count.get(0);
  }

  /** Every row of every table of the public schema, each rendered as PostgreSQL's row text. */
  public List<String> everyRowAsText() {
    List<String> rows = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found =
          statement.executeQuery(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
        while (found.next()) {
          tables.add(found.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet all = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (all.next()) {
            rows.add(table + ": " + all.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not scan the database", e);
    }
    return rows;
  }

  /** One line of a claw's timeline as stored, in the order it was written. */
  public record TimelineRow(
      java.time.Instant at, String type, String summary, int attempt, boolean stale) {}

  /** How many envelopes the idempotency ledger holds. */
  public long processedEventCount() {
    return count("SELECT count(*) FROM processed_event");
  }

  /** How many records wait in the transactional outbox. */
  public long outboxSize() {
    return count("SELECT count(*) FROM outbox");
  }

  /** Every event id of the idempotency ledger. */
  public Set<UUID> allProcessedEventIds() {
    Set<UUID> ids = new HashSet<>();
    scan("SELECT event_id FROM processed_event", rows -> ids.add(rows.getObject(1, UUID.class)));
    return ids;
  }

  /** Every claw's stored state document (JSON), by claw id. */
  public java.util.Map<UUID, String> clawDocuments() {
    java.util.Map<UUID, String> documents = new java.util.HashMap<>();
    scan(
        "SELECT claw_id, state::text FROM claw",
        rows -> documents.put(rows.getObject(1, UUID.class), rows.getString(2)));
    return documents;
  }

  /** Every claw's timeline, each in the order its lines were written. */
  public java.util.Map<UUID, List<TimelineRow>> timelines() {
    java.util.Map<UUID, List<TimelineRow>> timelines = new java.util.HashMap<>();
    scan(
        "SELECT claw_id, at, type, summary, attempt, stale FROM claw_timeline ORDER BY id",
        rows ->
            timelines
                .computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                .add(
                    new TimelineRow(
                        rows.getTimestamp(2).toInstant(),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getInt(5),
                        rows.getBoolean(6))));
    return timelines;
  }

  private long count(String sql) {
    List<Long> count = new ArrayList<>();
    scan(sql, rows -> count.add(rows.getLong(1)));
    return count.get(0);
  }

  private void scan(String sql, RowReader reader) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(5_000);
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  private void query(String sql, UUID clawId, RowReader reader) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, clawId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + sql, e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, username, password);
  }

  /** Reads one row. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }
}
