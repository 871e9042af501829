package io.clawops.status.persistence;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.Decision;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * upsert for the documents, a {@code COPY} for the timeline chunks and the records (DESIGN §9).
 */
public final class ClawUnitOfWork {

  /** Timeline lines a claw may gain before its timeline is pruned back to the limit. */
  static final int PRUNE_EVERY = 50;

  /**
   * Where a batch's documents are copied before the upsert: a temporary table of the session, empty
   * again at every commit. {@code COPY} reads a document with far less work than an element of an
   * array parameter (DESIGN §9).
   */
  private static final String STAGE =
      "CREATE TEMP TABLE IF NOT EXISTS claw_stage (claw_id uuid, workflow_run_id text,"
          + " status text, state text, created_at timestamptz, updated_at timestamptz,"
          + " next_due_at timestamptz, kafka_partition int, version bigint, runner_id text,"
          + " status_since timestamptz, queued_at timestamptz) ON COMMIT DELETE ROWS;"
          // Empty already unless a batch was written before in the same transaction.
          + " DELETE FROM claw_stage";

  private static final String COPY_STAGE =
      "COPY claw_stage (claw_id, workflow_run_id, status, state, created_at, updated_at,"
          + " next_due_at, kafka_partition, version, runner_id, status_since, queued_at)"
          + " FROM STDIN";

  private static final String UPSERT =
      "INSERT INTO claw (claw_id, workflow_run_id, status, state, created_at, updated_at,"
          + " next_due_at, kafka_partition, version, runner_id, status_since, queued_at)"
          + " SELECT s.claw_id, s.workflow_run_id, s.status, s.state::json, s.created_at,"
          + " s.updated_at, s.next_due_at, s.kafka_partition, s.version, s.runner_id,"
          + " s.status_since, s.queued_at FROM claw_stage s"
          + " ON CONFLICT (claw_id) DO UPDATE SET workflow_run_id = EXCLUDED.workflow_run_id,"
          + " created_at = LEAST(claw.created_at, EXCLUDED.created_at),"
          + " status = EXCLUDED.status, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,"
          + " next_due_at = EXCLUDED.next_due_at, kafka_partition = EXCLUDED.kafka_partition,"
          + " version = EXCLUDED.version, runner_id = EXCLUDED.runner_id,"
          + " status_since = EXCLUDED.status_since, queued_at = EXCLUDED.queued_at"
          + " WHERE claw.version = EXCLUDED.version - 1"
          + " RETURNING claw_id";

  /** Lines a timeline chunk holds at most (V10 allows fewer than 1000). */
  static final int CHUNK_LINES = 50;

  /**
   * The JSON length from which a chunk takes no further line: a chunk then stays in its row,
   * uncompressed (V10's {@code toast_tuple_target}), unless its summaries are long or far from
   * ASCII.
   */
  static final int CHUNK_CHARS = 6000;

  private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

  private static final String COPY_TIMELINE =
      "COPY claw_timeline_chunk (claw_id, line_count, lines) FROM STDIN";

  /**
   * Keeps the newest chunks of each listed claw that hold {@code limit} lines together, and those
   * of a claw that has fewer: each keeps at least {@code limit} lines and less than a chunk more.
   */
  private static final String PRUNE =
      "DELETE FROM claw_timeline_chunk t USING (SELECT c.id AS claw_id, (SELECT k.id FROM"
          + " (SELECT id, sum(line_count) OVER (ORDER BY id DESC) AS kept"
          + " FROM claw_timeline_chunk WHERE claw_id = c.id) k WHERE k.kept >= ?"
          + " ORDER BY k.id DESC LIMIT 1) AS cutoff"
          + " FROM unnest(?::uuid[]) AS c(id)) p WHERE t.claw_id = p.claw_id AND t.id < p.cutoff";

  private static final String COPY_OUTBOX = "COPY outbox (topic, record_key, payload) FROM STDIN";

  private ClawUnitOfWork() {}

  /**
   * The due time a claw's row is written with ({@code next_due_at}, which the timer sweeper selects
   * by): the one it has, while that is no later than when its timers are next due ({@code due}) and
   * still nearer to {@code due} than to {@code now}; otherwise {@code due}. Kept, the indexed
   * column does not change and the row is rewritten in place (a HOT update, DESIGN §9). A claw
   * whose records keep coming is rewritten with its due time every half liveness window or so, long
   * before the kept time comes; only one that fell silent is swept at the kept time, finds nothing
   * due yet, and gets the due time of then. A timer never fires late for it.
   */
  static Instant dueColumn(Instant stored, Instant due, Instant now) {
    if (stored != null
        && due != null
        && !stored.isAfter(due)
        && Duration.between(now, stored).compareTo(Duration.between(stored, due)) > 0) {
      return stored;
    }
    return due;
  }

  /**
   * Whether a claw's timeline is pruned after it grew from {@code before} to {@code after} lines:
   * once every {@link #PRUNE_EVERY} lines, at a point of that cycle of the claw's own. Claws that
   * started together and advance at one pace then prune in different rounds instead of all in the
   * same one (DESIGN §9).
   */
  static boolean prunes(UUID clawId, long before, long after) {
    long phase = Math.floorMod(clawId.hashCode(), PRUNE_EVERY);
    return (before + phase) / PRUNE_EVERY != (after + phase) / PRUNE_EVERY;
  }

  /**
   * A claw's lines of one write as chunks of at most {@link #CHUNK_LINES} lines, each a JSON array
   * of {@code [at, type, summary, attempt, stale]} arrays (V10), in line order.
   */
  static List<Chunk> chunks(List<TimelineEntry> lines) {
    List<Chunk> chunks = new ArrayList<>(1 + lines.size() / CHUNK_LINES);
    // Sized for the usual line (a timestamp, a type, a short summary): the text is not copied as
    // it grows.
    StringBuilder json = new StringBuilder(Math.min(lines.size(), CHUNK_LINES) * 160);
    int count = 0;
    for (TimelineEntry line : lines) {
      if (count == CHUNK_LINES || json.length() >= CHUNK_CHARS) {
        chunks.add(new Chunk(count, json.append(']').toString()));
        json.setLength(0);
        count = 0;
      }
      json.append(count == 0 ? "[[\"" : ",[\"");
      // A timestamp's text never needs an escape.
      json.append(CopyRows.timestampText(line.at())).append("\",");
      jsonString(json, line.type());
      json.append(',');
      jsonString(json, line.summary());
      json.append(',').append(line.attempt()).append(line.stale() ? ",true]" : ",false]");
      count++;
    }
    if (count > 0) {
      chunks.add(new Chunk(count, json.append(']').toString()));
    }
    return chunks;
  }

  /**
   * {@code value} as a JSON string, escaped by Jackson's encoder; most texts need no escape and go
   * in whole.
   */
  private static void jsonString(StringBuilder json, String value) {
    json.append('"');
    if (needsEscape(value)) {
      // PostgreSQL's text holds no NUL (->> would refuse the line): a space, as the sanitizer
      // makes it.
      JSON_STRINGS.quoteAsString(value.replace('\0', ' '), json);
    } else {
      json.append(value);
    }
    json.append('"');
  }

  /**
   * Whether Jackson's encoder would change {@code value}: it escapes control characters (NUL among
   * them), the quote and the backslash, and nothing else.
   */
  static boolean needsEscape(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /**
   * Appends {@code chunks}, the i-th of claw {@code claws.get(i)}, in list order: the serial ids
   * keep the order of a claw's chunks.
   */
  static void appendChunks(Connection connection, List<UUID> claws, List<Chunk> chunks)
      throws SQLException {
    CopyRows rows = new CopyRows();
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      rows.uuid(claws.get(i)).integer(chunk.lineCount()).text(chunk.json()).endRow();
    }
    rows.copy(connection, COPY_TIMELINE);
  }

  /** Prunes the timelines of {@code claws} back to {@code limit} lines ({@link #PRUNE}). */
  static void pruneTimelines(Connection connection, int limit, List<UUID> claws)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
      delete.setInt(1, limit);
      delete.setArray(2, connection.createArrayOf("uuid", claws.toArray()));
      delete.executeUpdate();
    }
  }

  /** Lines of one claw stored as one row: how many, and the JSON array that holds them. */
  record Chunk(int lineCount, String json) {}

  /**
   * The chunks of a decision's timeline lines, made as soon as it was decided, while its lines and
   * the records they came from are still fresh in memory, instead of when the round is written.
   */
  public static final class Lines {

    private final List<TimelineEntry> source;
    private final List<Chunk> chunks;

    private Lines(List<TimelineEntry> source) {
      this.source = source;
      this.chunks = chunks(source);
    }

    /** The chunks, when made of exactly this list of lines; otherwise they are made now. */
    List<Chunk> of(List<TimelineEntry> lines) {
      return lines == source ? chunks : chunks(lines);
    }
  }

  /** {@code timeline}'s chunks, for {@link Batch#add(Decision, Instant, Lines)}. */
  public static Lines lines(List<TimelineEntry> timeline) {
    return new Lines(timeline);
  }

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
    private final List<Chunk> timeline = new ArrayList<>();
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
      add(decision, writtenAt, null);
    }

    /**
     * As {@link #add(Decision, Instant)}, with the chunks of its lines made already ({@link
     * #lines}; null: made now).
     */
    public void add(Decision decision, Instant writtenAt, Lines lines) {
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
                    dueColumn(row.storedDueBefore(), decision.nextDue(), writtenAt)));
        if (previous != null) {
          throw new IllegalArgumentException("claw " + row.clawId() + " decided twice in a batch");
        }
      }
      List<Chunk> madeOf =
          lines == null ? chunks(decision.timeline()) : lines.of(decision.timeline());
      for (Chunk chunk : madeOf) {
        timelineClaws.add(row.clawId());
        timeline.add(chunk);
      }
      if (prunes(row.clawId(), row.timelineLinesBefore(), row.timelineLines())) {
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

    /**
     * Copies the documents into the session's stage and upserts them from there in one statement; a
     * document whose stored version is not the one it was read at is not written, and the round
     * fails with {@link StaleClawsException}.
     */
    private void saveDocuments(Connection connection) throws SQLException {
      if (connection.getAutoCommit()) {
        // The stage empties at every commit: staged and upserted in one transaction, or not at all.
        throw new IllegalStateException("claw documents are written inside a transaction");
      }
      CopyRows rows = new CopyRows();
      for (Document document : documents.values()) {
        Decision.Row row = document.row();
        rows.uuid(row.clawId())
            .text(row.workflowRunId())
            .text(document.status())
            .text(document.snapshot().json())
            .timestamp(row.createdAt())
            .timestamp(document.writtenAt())
            .timestamp(document.storedDue())
            .integerOrNull(row.partition() >= 0 ? row.partition() : null)
            .integer(document.snapshot().version())
            .text(row.runnerId())
            .timestamp(row.statusSince())
            .timestamp(row.queuedAt())
            .endRow();
      }
      try (Statement stage = connection.createStatement()) {
        stage.execute(STAGE);
      }
      rows.copy(connection, COPY_STAGE);
      Set<UUID> stale = new HashSet<>(documents.keySet());
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
          ResultSet written = upsert.executeQuery()) {
        while (written.next()) {
          stale.remove(written.getObject(1, UUID.class));
        }
      }
      if (!stale.isEmpty()) {
        throw new StaleClawsException(stale);
      }
    }

    private void appendTimeline(Connection connection) throws SQLException {
      appendChunks(connection, timelineClaws, timeline);
    }

    private void prune(Connection connection) throws SQLException {
      pruneTimelines(connection, timelineLimit, toPrune);
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

    /**
     * The due time written for each claw whose document is queued, as its snapshot should carry it
     * once committed ({@link ClawSnapshot#written}).
     */
    public Instant storedDue(UUID clawId) {
      Document document = documents.get(clawId);
      if (document == null) {
        throw new IllegalArgumentException("no document of claw " + clawId + " in this batch");
      }
      return document.storedDue();
    }

    private record Document(
        Decision.Row row,
        String status,
        ClawSnapshot snapshot,
        Instant writtenAt,
        Instant storedDue) {}
  }
}
