package io.clawops.status.persistence;

import io.clawops.status.claw.ClawSnapshot;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads claw snapshots (document and version), inside the caller's transaction; {@link
 * ClawUnitOfWork} writes them.
 */
public final class ClawRepository {

  private static final String COLUMNS =
      "SELECT claw_id, state::text, version, next_due_at FROM claw";

  private ClawRepository() {}

  /** Loads and locks the snapshots of these claws; missing ones are absent from the map. */
  public static Map<UUID, ClawSnapshot> lockAll(Connection connection, Collection<UUID> clawIds)
      throws SQLException {
    // Locks in id order, so two transactions over overlapping claws cannot deadlock.
    return select(
        connection, COLUMNS + " WHERE claw_id = ANY(?) ORDER BY claw_id FOR UPDATE", clawIds);
  }

  /**
   * Loads the snapshots of these claws without locking them: the write that follows checks their
   * version instead (see {@link StaleClawsException}).
   */
  public static Map<UUID, ClawSnapshot> findAll(Connection connection, Collection<UUID> clawIds)
      throws SQLException {
    return select(connection, COLUMNS + " WHERE claw_id = ANY(?)", clawIds);
  }

  private static Map<UUID, ClawSnapshot> select(
      Connection connection, String sql, Collection<UUID> clawIds) throws SQLException {
    Map<UUID, ClawSnapshot> found = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Array ids = connection.createArrayOf("uuid", clawIds.toArray());
      select.setArray(1, ids);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ClawSnapshot snapshot = read(rows);
          found.put(snapshot.clawId(), snapshot);
        }
      }
    }
    return found;
  }

  /** The snapshot of a row selected as {@code claw_id, state::text, version, next_due_at}. */
  public static ClawSnapshot read(ResultSet row) throws SQLException {
    Timestamp due = row.getTimestamp(4);
    return ClawSnapshot.stored(
        row.getObject(1, UUID.class),
        row.getString(2),
        row.getLong(3),
        due == null ? null : due.toInstant());
  }

  /** Loads one claw without locking, or null. */
  public static ClawSnapshot find(Connection connection, UUID clawId) throws SQLException {
    return findAll(connection, List.of(clawId)).get(clawId);
  }

  /** Loads and locks one claw, or null. */
  public static ClawSnapshot lock(Connection connection, UUID clawId) throws SQLException {
    return lockAll(connection, List.of(clawId)).get(clawId);
  }
}
