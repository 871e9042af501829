package io.clawops.status.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox: records decided inside a database transaction are stored with it and
 * published by the relay after commit, so a crash between the two loses nothing.
 */
public final class Outbox {

  /** One stored record awaiting publication. */
  public record Pending(long id, String topic, String key, String payload) {}

  /** Advisory lock key of the relay ("clawops" in ASCII). */
  private static final long RELAY_LOCK = 0x636c61776f7073L;

  private Outbox() {}

  /**
   * Takes the relay lock for this database session; false when another instance holds it. One relay
   * at a time keeps each claw's records in order. The lock dies with the session, so a crashed
   * relay cannot keep it.
   */
  public static boolean tryLockRelay(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, RELAY_LOCK);
      try (ResultSet acquired = lock.executeQuery()) {
        return acquired.next() && acquired.getBoolean(1);
      }
    }
  }

  /** Releases the relay lock taken by {@link #tryLockRelay}. */
  public static void unlockRelay(Connection connection) throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, RELAY_LOCK);
      unlock.execute();
    }
  }

  /** The oldest pending records, oldest first. */
  public static List<Pending> oldest(Connection connection, int limit) throws SQLException {
    List<Pending> pending = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          pending.add(
              new Pending(
                  rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return pending;
  }

  /** Removes published records. */
  public static void delete(Connection connection, List<Pending> published) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
      Array ids = connection.createArrayOf("bigint", published.stream().map(Pending::id).toArray());
      delete.setArray(1, ids);
      delete.executeUpdate();
    }
  }
}
