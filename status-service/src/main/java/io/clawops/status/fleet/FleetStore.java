package io.clawops.status.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.RunnerBeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet in PostgreSQL: the latest beat of every runner (a beat never replaces a newer one, so
 * redelivery and reordering are harmless) and the queue of tasks no runner has claimed yet.
 */
@ApplicationScoped
public class FleetStore {

  /** Tasks waiting for a runner, and since when the oldest waits. */
  public record Queue(int waiting, Instant oldestDispatchedAt) {}

  private static final ObjectMapper JSON = EnvelopeCodec.mapper();
  private static final TypeReference<List<RunnerBeat.HeldRun>> RUNS = new TypeReference<>() {};

  private static final String UPSERT =
      "INSERT INTO runner (runner_id, slots_total, slots_busy, runs, version, beat_seconds, beat,"
          + " claiming, last_beat_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (runner_id) DO UPDATE SET slots_total = EXCLUDED.slots_total,"
          + " slots_busy = EXCLUDED.slots_busy, runs = EXCLUDED.runs, version = EXCLUDED.version,"
          + " beat_seconds = EXCLUDED.beat_seconds, beat = EXCLUDED.beat,"
          + " claiming = EXCLUDED.claiming, last_beat_at = EXCLUDED.last_beat_at"
          + " WHERE runner.last_beat_at <= EXCLUDED.last_beat_at";

  /**
   * The claws whose current attempt is dispatched, not claimed and not ended (Scheduling): the fold
   * writes when such an attempt was dispatched with the document (Decision.Row#queuedAt).
   */
  private static final String QUEUE =
      "SELECT count(*), min(queued_at) FROM claw"
          // Implied by queued_at, and what lets the status index narrow the scan.
          + " WHERE status IN ('ready', 'recovering') AND queued_at IS NOT NULL";

  @Inject AgroalDataSource dataSource;

  /** Stores the beats, each with the time it was sent. */
  public void record(List<RunnerRecord> beats) {
    if (beats.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      for (RunnerRecord beat : beats) {
        upsert.setString(1, beat.runnerId());
        upsert.setInt(2, beat.slotsTotal());
        upsert.setInt(3, beat.slotsBusy());
        upsert.setString(4, JSON.writeValueAsString(beat.runs()));
        upsert.setString(5, beat.version());
        upsert.setInt(6, beat.beatSeconds());
        upsert.setLong(7, beat.beat());
        upsert.setBoolean(8, beat.claiming());
        upsert.setTimestamp(9, Timestamp.from(beat.lastBeatAt()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not record " + beats.size() + " runner beats", e);
    }
  }

  /** Every runner that beat since {@code since}, by id. */
  public List<RunnerRecord> runners(Instant since) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT runner_id, slots_total, slots_busy, runs, version, beat_seconds, beat,"
                    + " claiming, last_beat_at FROM runner WHERE last_beat_at >= ?"
                    + " ORDER BY runner_id")) {
      select.setTimestamp(1, Timestamp.from(since));
      List<RunnerRecord> runners = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          runners.add(
              new RunnerRecord(
                  rows.getString(1),
                  rows.getInt(2),
                  rows.getInt(3),
                  JSON.readValue(rows.getString(4), RUNS),
                  rows.getString(5),
                  rows.getInt(6),
                  rows.getLong(7),
                  rows.getBoolean(8),
                  rows.getTimestamp(9).toInstant()));
        }
      }
      return runners;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not read the runners", e);
    }
  }

  /** The tasks waiting for a runner. */
  public Queue queue() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(QUEUE);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      Timestamp oldest = rows.getTimestamp(2);
      return new Queue(rows.getInt(1), oldest == null ? null : oldest.toInstant());
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the waiting tasks", e);
    }
  }
}
