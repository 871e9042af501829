package io.clawops.status.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** The ledger of applied envelopes, keyed by event id, that makes redelivery harmless. */
@ApplicationScoped
public class ProcessedEventRepository {

  private static final String INSERT =
      "INSERT INTO processed_event (event_id, claw_id, type, topic, occurred_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";

  @Inject AgroalDataSource dataSource;

  /** Records every event of a batch in one transaction; events seen before are skipped. */
  @Transactional
  public void recordAll(List<ReceivedEvent> events) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (ReceivedEvent event : events) {
        insert.setObject(1, event.envelope().eventId());
        insert.setObject(2, event.envelope().clawId());
        insert.setString(3, event.envelope().type());
        insert.setString(4, event.topic());
        insert.setTimestamp(5, Timestamp.from(event.envelope().occurredAt()));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record " + events.size() + " events", e);
    }
  }
}
