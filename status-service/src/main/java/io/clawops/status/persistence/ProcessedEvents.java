package io.clawops.status.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ledger of applied envelopes, keyed by event id, that makes redelivery harmless (F1). */
public final class ProcessedEvents {

  private static final String INSERT_NEW =
      "INSERT INTO processed_event (event_id, claw_id, type, topic, occurred_at)"
          + " SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[])"
          + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id";

  private ProcessedEvents() {}

  /** Records the events in one statement and returns the ids that were not recorded before. */
  public static Set<UUID> recordNew(Connection connection, List<ReceivedEvent> events)
      throws SQLException {
    int size = events.size();
    Object[] ids = new Object[size];
    Object[] claws = new Object[size];
    Object[] types = new Object[size];
    Object[] topics = new Object[size];
    Object[] times = new Object[size];
    for (int i = 0; i < size; i++) {
      ReceivedEvent event = events.get(i);
      ids[i] = event.envelope().eventId();
      claws[i] = event.envelope().clawId();
      types[i] = event.envelope().type();
      topics[i] = event.topic();
      times[i] = Timestamp.from(event.envelope().occurredAt());
    }
    Set<UUID> fresh = new HashSet<>();
    try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
      insert.setArray(1, array(connection, "uuid", ids));
      insert.setArray(2, array(connection, "uuid", claws));
      insert.setArray(3, array(connection, "text", types));
      insert.setArray(4, array(connection, "text", topics));
      insert.setArray(5, array(connection, "timestamptz", times));
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          fresh.add(rows.getObject(1, UUID.class));
        }
      }
    }
    return fresh;
  }

  private static Array array(Connection connection, String type, Object[] values)
      throws SQLException {
    return connection.createArrayOf(type, values);
  }
}
