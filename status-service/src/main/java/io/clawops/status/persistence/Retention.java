package io.clawops.status.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The age-based deletes of the retention (DESIGN §9.2), one bounded batch per call; each returns
 * how many rows it removed. Every one is idempotent and skips rows another transaction holds, so
 * two sweepers, the fold and the timers never wait on each other.
 */
public final class Retention {

  /** Advisory lock key of the sweeper ("clawkeep" in ASCII): one instance sweeps at a time. */
  private static final long SWEEPER_LOCK = 0x636c61776b656570L;

  private static final String PROCESSED_EVENTS =
      "DELETE FROM processed_event WHERE event_id IN (SELECT event_id FROM processed_event"
          + " WHERE applied_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)";

  /**
   * Statuses in which nothing changes a claw any more unless an operator acts: the evidence-based
   * outcomes, removal and the classified failures; live ones (provisioning, ready, running,
   * recovering, offline) are kept however old. The same list is the predicate of the partial index
   * {@code claw_finished_idx} (V9, by {@code status_since}), so the statement below uses it.
   */
  public static final List<String> FINISHED =
      List.of(
          "removed",
          "completed",
          "timed_out",
          "cancelled",
          "workspace_incomplete",
          "bootstrap_failed",
          "model_timeout",
          "tool_blocked",
          "stalled",
          "failed");

  // The claw, its tombstone and its timeline in one statement: a claw is never half purged. The
  // statuses are literals, not a parameter, so the planner matches the partial index's predicate.
  // The index is by status_since (it changes with the status only, so an ordinary write of the
  // row touches no index, V9); a claw finished before the cutoff but changed after it stays.
  private static final String FINISHED_CLAWS =
      "WITH doomed AS (SELECT claw_id FROM claw WHERE status IN ("
          + FINISHED.stream().map(status -> "'" + status + "'").collect(Collectors.joining(", "))
          + ") AND status_since < ? AND updated_at < ?"
          + " ORDER BY status_since LIMIT ? FOR UPDATE SKIP LOCKED),"
          + " gone AS (DELETE FROM claw c USING doomed d WHERE c.claw_id = d.claw_id"
          + " RETURNING c.claw_id, c.status),"
          + " tombs AS (INSERT INTO claw_purged (claw_id, status) SELECT claw_id, status FROM gone"
          + " ON CONFLICT (claw_id) DO NOTHING),"
          + " lines AS (DELETE FROM claw_timeline_chunk t USING gone g WHERE t.claw_id = g.claw_id)"
          + " SELECT count(*) FROM gone";

  // What the fold of a late event for a purged claw left behind: the trigger of V5_1 already took
  // the claw row out; its timeline chunks go here.
  private static final String LATE_TIMELINES =
      "WITH late AS (UPDATE claw_purged SET late_event_at = NULL WHERE claw_id IN (SELECT claw_id"
          + " FROM claw_purged WHERE late_event_at IS NOT NULL LIMIT ? FOR UPDATE SKIP LOCKED)"
          + " RETURNING claw_id),"
          + " lines AS (DELETE FROM claw_timeline_chunk t USING late l WHERE t.claw_id = l.claw_id)"
          + " SELECT count(*) FROM late";

  private static final String TOMBSTONES =
      "DELETE FROM claw_purged WHERE claw_id IN (SELECT claw_id FROM claw_purged"
          + " WHERE purged_at < ? AND late_event_at IS NULL LIMIT ? FOR UPDATE SKIP LOCKED)";

  // In id order the oldest rows come first, so the primary key finds them without an index of
  // their own; rows the relay is publishing right now are locked by nobody, deleting them twice
  // is harmless.
  private static final String STALE_OUTBOX =
      "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE created_at < ? ORDER BY id"
          + " LIMIT ?)";

  private Retention() {}

  /** Takes the sweeper lock for this session; false when another instance holds it. */
  public static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, SWEEPER_LOCK);
      try (ResultSet acquired = lock.executeQuery()) {
        return acquired.next() && acquired.getBoolean(1);
      }
    }
  }

  /** Releases the lock taken by {@link #tryLock}. */
  public static void unlock(Connection connection) throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, SWEEPER_LOCK);
      unlock.execute();
    }
  }

  /** Ledger rows applied before {@code cutoff}, at most {@code limit}. */
  public static int processedEvents(Connection connection, Instant cutoff, int limit)
      throws SQLException {
    return update(connection, PROCESSED_EVENTS, cutoff, limit);
  }

  /**
   * Claws {@link #FINISHED} and unchanged since before {@code cutoff}, at most {@code limit}, with
   * their timelines; each leaves a tombstone.
   */
  public static int finishedClaws(Connection connection, Instant cutoff, int limit)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(FINISHED_CLAWS)) {
      delete.setTimestamp(1, Timestamp.from(cutoff));
      delete.setTimestamp(2, Timestamp.from(cutoff));
      delete.setInt(3, limit);
      return count(delete);
    }
  }

  /** Timelines that late events wrote for purged claws, for at most {@code limit} claws. */
  public static int lateTimelines(Connection connection, int limit) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(LATE_TIMELINES)) {
      delete.setInt(1, limit);
      return count(delete);
    }
  }

  /** Tombstones written before {@code cutoff}, at most {@code limit}. */
  public static int tombstones(Connection connection, Instant cutoff, int limit)
      throws SQLException {
    return update(connection, TOMBSTONES, cutoff, limit);
  }

  /** Outbox records created before {@code cutoff} and still unpublished, at most {@code limit}. */
  public static int staleOutbox(Connection connection, Instant cutoff, int limit)
      throws SQLException {
    return update(connection, STALE_OUTBOX, cutoff, limit);
  }

  private static int update(Connection connection, String sql, Instant cutoff, int limit)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setTimestamp(1, Timestamp.from(cutoff));
      delete.setInt(2, limit);
      return delete.executeUpdate();
    }
  }

  private static int count(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
