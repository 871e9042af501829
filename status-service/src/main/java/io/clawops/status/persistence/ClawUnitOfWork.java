package io.clawops.status.persistence;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.Decision;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores what {@link io.clawops.status.claw.ClawReducer} decided, inside the caller's transaction:
 * the documents (each expecting the version it was read at), their timeline lines and their
 * outgoing records. A {@link Batch} writes any number of claws with one statement per table: an
 * upsert for the documents, a {@code COPY} for the lines and the records (DESIGN §9).
 */
public final class ClawUnitOfWork {

  /** Timeline lines a claw may gain before its timeline is pruned back to the limit. */
  private static final int PRUNE_EVERY = 50;

  private static final String UPSERT =
      "INSERT INTO claw (claw_id, workflow_run_id, status, state, created_at, updated_at,"
          + " next_due_at, kafka_partition, version)"
          + " SELECT u.claw_id, u.workflow_run_id, u.status, u.state::jsonb, u.created_at,"
          + " u.updated_at, u.next_due_at, u.kafka_partition, u.version FROM unnest(?::uuid[],"
          + " ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],"
          + " ?::timestamptz[], ?::int[], ?::bigint[]) AS u(claw_id, workflow_run_id, status,"
          + " state, created_at, updated_at, next_due_at, kafka_partition, version)"
          + " ON CONFLICT (claw_id) DO UPDATE SET workflow_run_id = EXCLUDED.workflow_run_id,"
          + " created_at = LEAST(claw.created_at, EXCLUDED.created_at),"
          + " status = EXCLUDED.status, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,"
          + " next_due_at = EXCLUDED.next_due_at, kafka_partition = EXCLUDED.kafka_partition,"
          + " version = EXCLUDED.version WHERE claw.version = EXCLUDED.version - 1"
          + " RETURNING claw_id";

  private static final String COPY_TIMELINE =
      "COPY claw_timeline (claw_id, at, type, summary, attempt, stale) FROM STDIN";

  /** Keeps the newest {@code limit} lines of each listed claw. */
  private static final String PRUNE =
      "DELETE FROM claw_timeline t USING (SELECT c.id AS claw_id, (SELECT id FROM claw_timeline"
          + " WHERE claw_id = c.id ORDER BY id DESC OFFSET ? LIMIT 1) AS cutoff"
          + " FROM unnest(?::uuid[]) AS c(id)) p WHERE t.claw_id = p.claw_id AND t.id <= p.cutoff";

  private static final String COPY_OUTBOX = "COPY outbox (topic, record_key, payload) FROM STDIN";

  private ClawUnitOfWork() {}

  /** Writes one decision, its row stamped as written at {@code writtenAt}. */
  public static void commit(
      Connection connection, Decision decision, Instant writtenAt, int timelineLimit)
      throws SQLException {
    Batch batch = new Batch(timelineLimit);
    batch.add(decision, writtenAt);
    batch.flush(connection);
  }

  /** Changes to many claws, written together by {@link #flush}. */
  public static final class Batch {

    private final int timelineLimit;
    private final Map<UUID, Document> documents = new LinkedHashMap<>();
    private final List<UUID> timelineClaws = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<UUID> toPrune = new ArrayList<>();
    private final List<Effects.Outgoing> outgoing = new ArrayList<>();

    public Batch(int timelineLimit) {
      this.timelineLimit = timelineLimit;
    }

    /**
     * Queues what a decision wrote: its document (when it changed; it expects the version its
     * snapshot was read at), its timeline lines and its records. One decision per claw and flush.
     */
    public void add(Decision decision, Instant writtenAt) {
      Decision.Row row = decision.row();
      if (decision.changed()) {
        ClawSnapshot snapshot = decision.snapshot();
        Document previous =
            documents.put(
                row.clawId(),
                new Document(
                    row,
                    decision.status().status().wire(),
                    snapshot,
                    writtenAt,
                    decision.nextDue()));
        if (previous != null) {
          throw new IllegalArgumentException("claw " + row.clawId() + " decided twice in a batch");
        }
      }
      for (TimelineEntry entry : decision.timeline()) {
        timelineClaws.add(row.clawId());
        timeline.add(entry);
      }
      if (row.timelineLines() / PRUNE_EVERY != row.timelineLinesBefore() / PRUNE_EVERY) {
        toPrune.add(row.clawId());
      }
      outgoing.addAll(decision.outgoing());
    }

    /** Writes every queued document, line and record: one statement per table. */
    public void flush(Connection connection) throws SQLException {
      if (!documents.isEmpty()) {
        saveDocuments(connection);
      }
      if (!timeline.isEmpty()) {
        appendTimeline(connection);
      }
      if (!toPrune.isEmpty()) {
        prune(connection);
      }
      if (!outgoing.isEmpty()) {
        appendOutbox(connection);
      }
    }

    private void saveDocuments(Connection connection) throws SQLException {
      int size = documents.size();
      Object[] ids = new Object[size];
      Object[] runs = new Object[size];
      Object[] statuses = new Object[size];
      Object[] states = new Object[size];
      Object[] created = new Object[size];
      Object[] updated = new Object[size];
      Object[] due = new Object[size];
      Object[] partitions = new Object[size];
      Object[] versions = new Object[size];
      int i = 0;
      for (Document document : documents.values()) {
        Decision.Row row = document.row();
        ids[i] = row.clawId();
        runs[i] = row.workflowRunId();
        statuses[i] = document.status();
        states[i] = document.snapshot().json();
        created[i] = Timestamp.from(row.createdAt());
        updated[i] = Timestamp.from(document.writtenAt());
        due[i] = document.nextDue() == null ? null : Timestamp.from(document.nextDue());
        partitions[i] = row.partition() >= 0 ? row.partition() : null;
        versions[i] = document.snapshot().version();
        i++;
      }
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        upsert.setArray(1, connection.createArrayOf("uuid", ids));
        upsert.setArray(2, connection.createArrayOf("text", runs));
        upsert.setArray(3, connection.createArrayOf("text", statuses));
        upsert.setArray(4, connection.createArrayOf("text", states));
        upsert.setArray(5, connection.createArrayOf("timestamptz", created));
        upsert.setArray(6, connection.createArrayOf("timestamptz", updated));
        upsert.setArray(7, connection.createArrayOf("timestamptz", due));
        upsert.setArray(8, connection.createArrayOf("int4", partitions));
        upsert.setArray(9, connection.createArrayOf("int8", versions));
        Set<UUID> stale = new HashSet<>(documents.keySet());
        try (ResultSet written = upsert.executeQuery()) {
          while (written.next()) {
            stale.remove(written.getObject(1, UUID.class));
          }
        }
        if (!stale.isEmpty()) {
          throw new StaleClawsException(stale);
        }
      }
    }

    /** In line order: the serial ids keep the order of a claw's lines. */
    private void appendTimeline(Connection connection) throws SQLException {
      CopyRows rows = new CopyRows();
      for (int i = 0; i < timeline.size(); i++) {
        TimelineEntry entry = timeline.get(i);
        rows.uuid(timelineClaws.get(i))
            .timestamp(entry.at())
            .text(entry.type())
            .text(entry.summary())
            .integer(entry.attempt())
            .bool(entry.stale())
            .endRow();
      }
      rows.copy(connection, COPY_TIMELINE);
    }

    private void prune(Connection connection) throws SQLException {
      try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
        delete.setInt(1, timelineLimit);
        delete.setArray(2, connection.createArrayOf("uuid", toPrune.toArray()));
        delete.executeUpdate();
      }
    }

    /** In decision order: the relay publishes by id. */
    private void appendOutbox(Connection connection) throws SQLException {
      CopyRows rows = new CopyRows();
      for (Effects.Outgoing record : outgoing) {
        rows.text(record.topic())
            .text(record.envelope().key())
            .text(EnvelopeCodec.encode(record.envelope()))
            .endRow();
      }
      rows.copy(connection, COPY_OUTBOX);
    }

    private record Document(
        Decision.Row row,
        String status,
        ClawSnapshot snapshot,
        Instant writtenAt,
        Instant nextDue) {}
  }
}
