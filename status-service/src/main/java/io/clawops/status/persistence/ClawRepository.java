package io.clawops.status.persistence;

import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.TimelineEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes claw documents and their timelines, inside the caller's transaction. */
public final class ClawRepository {

  private static final String UPSERT =
      "INSERT INTO claw (claw_id, workflow_run_id, status, state, created_at, updated_at,"
          + " next_due_at, kafka_partition) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
          + " ON CONFLICT (claw_id) DO UPDATE SET workflow_run_id = EXCLUDED.workflow_run_id,"
          + " created_at = LEAST(claw.created_at, EXCLUDED.created_at),"
          + " status = EXCLUDED.status, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,"
          + " next_due_at = EXCLUDED.next_due_at, kafka_partition = EXCLUDED.kafka_partition";

  private static final String INSERT_TIMELINE =
      "INSERT INTO claw_timeline (claw_id, at, type, summary, attempt, stale)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private ClawRepository() {}

  /** Loads and locks the documents of these claws; missing ones are absent from the map. */
  public static Map<UUID, ClawState> lockAll(Connection connection, Collection<UUID> clawIds)
      throws SQLException {
    Map<UUID, ClawState> found = new HashMap<>();
    // Locks in id order, so two transactions over overlapping claws cannot deadlock.
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT state FROM claw WHERE claw_id = ANY(?) ORDER BY claw_id FOR UPDATE")) {
      Array ids = connection.createArrayOf("uuid", clawIds.toArray());
      select.setArray(1, ids);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ClawState state = ClawStateMapper.read(rows.getString(1));
          found.put(state.clawId, state);
        }
      }
    }
    return found;
  }

  /** Loads one claw without locking, or null. */
  public static ClawState find(Connection connection, UUID clawId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT state FROM claw WHERE claw_id = ?")) {
      select.setObject(1, clawId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? ClawStateMapper.read(rows.getString(1)) : null;
      }
    }
  }

  /** Loads and locks one claw, or null. */
  public static ClawState lock(Connection connection, UUID clawId) throws SQLException {
    return lockAll(connection, List.of(clawId)).get(clawId);
  }

  /** Writes a claw document with its current status and next due timer. */
  public static void save(Connection connection, ClawState claw, String status, Instant nextDue)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      upsert.setObject(1, claw.clawId);
      upsert.setString(2, claw.workflowRunId);
      upsert.setString(3, status);
      upsert.setString(4, ClawStateMapper.write(claw));
      upsert.setTimestamp(5, Timestamp.from(claw.createdAt));
      upsert.setTimestamp(6, Timestamp.from(claw.updatedAt));
      upsert.setTimestamp(7, nextDue == null ? null : Timestamp.from(nextDue));
      upsert.setObject(8, claw.partition >= 0 ? claw.partition : null, java.sql.Types.INTEGER);
      upsert.executeUpdate();
    }
  }

  /** Appends timeline entries of one claw. */
  public static void appendTimeline(Connection connection, UUID clawId, List<TimelineEntry> entries)
      throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_TIMELINE)) {
      for (TimelineEntry entry : entries) {
        insert.setObject(1, clawId);
        insert.setTimestamp(2, Timestamp.from(entry.at()));
        insert.setString(3, entry.type());
        insert.setString(4, entry.summary());
        insert.setInt(5, entry.attempt());
        insert.setBoolean(6, entry.stale());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
