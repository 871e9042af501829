package io.clawops.e2e.system;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunEvent;
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

  /**
   * Of {@code envelopes}, the event ids status-service applied (DESIGN F1): those in its ledger,
   * and the run events at or below their run's {@code seq} high-water mark in the stored record (a
   * started run's events are told apart by it and have no ledger row). Heartbeats are not answered
   * for: they count by their run's beat counter.
   */
  public Set<UUID> appliedEventIds(java.util.Collection<Envelope> envelopes) {
    Set<UUID> claws = new HashSet<>();
    envelopes.forEach(envelope -> claws.add(envelope.clawId()));
    Set<UUID> ledger = new HashSet<>();
    java.util.Map<String, Long> marks = new java.util.HashMap<>();
    try (Connection connection = connect();
        PreparedStatement ledgered =
            connection.prepareStatement(
                "SELECT event_id FROM processed_event WHERE claw_id = ANY(?)");
        PreparedStatement runs =
            connection.prepareStatement(
                "SELECT c.claw_id, r->>'runId', (r->>'highSeq')::bigint FROM claw c,"
                    + " json_array_elements(c.state->'runs') r"
                    + " WHERE c.claw_id = ANY(?) AND r->>'runId' IS NOT NULL")) {
      java.sql.Array ids = connection.createArrayOf("uuid", claws.toArray());
      ledgered.setArray(1, ids);
      ledgered.setFetchSize(5_000);
      try (ResultSet rows = ledgered.executeQuery()) {
        while (rows.next()) {
          ledger.add(rows.getObject(1, UUID.class));
        }
      }
      runs.setArray(1, ids);
      try (ResultSet rows = runs.executeQuery()) {
        while (rows.next()) {
          marks.merge(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3), Math::max);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read what was applied", e);
    }
    Set<UUID> applied = new HashSet<>();
    for (Envelope envelope : envelopes) {
      if (ledger.contains(envelope.eventId())) {
        applied.add(envelope.eventId());
      } else if (envelope.data() instanceof RunEvent event) {
        Long mark = marks.get(envelope.clawId() + "/" + event.runId());
        if (mark != null && event.seq() <= mark) {
          applied.add(envelope.eventId());
        }
      }
    }
    return applied;
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
