package io.clawops.status.persistence;

import io.clawops.status.claw.ClawState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads claw documents, inside the caller's transaction; {@link ClawUnitOfWork} writes them. */
public final class ClawRepository {

  private ClawRepository() {}

  /** Loads and locks the documents of these claws; missing ones are absent from the map. */
  public static Map<UUID, ClawState> lockAll(Connection connection, Collection<UUID> clawIds)
      throws SQLException {
    // Locks in id order, so two transactions over overlapping claws cannot deadlock.
    return select(
        connection,
        "SELECT state FROM claw WHERE claw_id = ANY(?) ORDER BY claw_id FOR UPDATE",
        clawIds);
  }

  /**
   * Loads the documents of these claws without locking them: the write that follows checks their
   * version instead (see {@link StaleClawsException}).
   */
  public static Map<UUID, ClawState> findAll(Connection connection, Collection<UUID> clawIds)
      throws SQLException {
    return select(connection, "SELECT state FROM claw WHERE claw_id = ANY(?)", clawIds);
  }

  private static Map<UUID, ClawState> select(
      Connection connection, String sql, Collection<UUID> clawIds) throws SQLException {
    Map<UUID, ClawState> found = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
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
}
