package io.clawops.status.fold;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.persistence.Retention;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the database flat under a constant load (DESIGN §9.2): removes ledger rows, finished claws
 * with their timelines, old tombstones and outbox records nobody could publish, each past its
 * retention, in bounded batches. One instance sweeps at a time; the others skip the round.
 */
@ApplicationScoped
public class RetentionSweeper {

  /**
   * Timeline lines a claw holds beyond the limit at most: less than a chunk, and what it gains
   * before it is pruned (ClawUnitOfWork's CHUNK_LINES and PRUNE_EVERY).
   */
  private static final int TIMELINE_SLACK = 100;

  private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

  @Inject AgroalDataSource dataSource;
  @Inject StatusConfig config;
  @Inject MeterRegistry registry;

  /** What one sweep removed, per table. */
  public record Sweep(
      int processedEvents, int finishedClaws, int lateTimelines, int tombstones, int outbox) {

    int total() {
      return processedEvents + finishedClaws + lateTimelines + tombstones + outbox;
    }
  }

  @Scheduled(
      every = "${clawops.retention.sweep-interval:5m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void scheduled() {
    if (config.retention().enabled()) {
      sweep(Instant.now());
    }
  }

  /** One sweep as of {@code now}; empty when another instance sweeps or the database failed. */
  public Optional<Sweep> sweep(Instant now) {
    StatusConfig.Retention retention = config.retention();
    int batch = retention.batchSize();
    // Autocommit: every batch is its own short transaction; the session lock spans the sweep.
    try (Connection connection = dataSource.getConnection()) {
      if (!Retention.tryLock(connection)) {
        return Optional.empty();
      }
      try {
        Sweep sweep =
            new Sweep(
                repeat(
                    () ->
                        Retention.processedEvents(
                            connection, now.minus(retention.processedEvents()), batch),
                    batch),
                purgeFinished(connection, now, retention),
                repeat(
                    () -> Retention.lateTimelines(connection, clawBatch(batch)), clawBatch(batch)),
                repeat(
                    () ->
                        Retention.tombstones(connection, now.minus(retention.tombstones()), batch),
                    batch),
                repeat(
                    () -> Retention.staleOutbox(connection, now.minus(retention.outbox()), batch),
                    batch));
        report(sweep);
        return Optional.of(sweep);
      } finally {
        Retention.unlock(connection);
      }
    } catch (SQLException | RuntimeException e) {
      // Nothing half done: every batch committed or rolled back on its own; the next sweep goes on.
      LOG.warnf(
          "retention sweep will retry: %s",
          Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX));
      return Optional.empty();
    }
  }

  private int purgeFinished(Connection connection, Instant now, StatusConfig.Retention retention)
      throws SQLException {
    int claws = clawBatch(retention.batchSize());
    Instant cutoff = now.minus(retention.finishedClaws());
    return repeat(() -> Retention.finishedClaws(connection, cutoff, claws), claws);
  }

  /** Claws per statement, so that their timeline lines stay within one batch of rows too. */
  private int clawBatch(int batch) {
    return Math.max(1, batch / (config.timelineLimit() + TIMELINE_SLACK));
  }

  /** Runs a batch until one comes back short, at most {@code max-batches} times. */
  private int repeat(Batch batch, int size) throws SQLException {
    int total = 0;
    int removed;
    int rounds = 0;
    do {
      removed = batch.run();
      total += removed;
    } while (removed == size && ++rounds < config.retention().maxBatches());
    return total;
  }

  private void report(Sweep sweep) {
    count("processed_event", sweep.processedEvents());
    count("claw", sweep.finishedClaws());
    count("claw_timeline_late", sweep.lateTimelines());
    count("claw_purged", sweep.tombstones());
    count("outbox", sweep.outbox());
    if (sweep.outbox() > 0) {
      LOG.warnf(
          "retention dropped %d outbox records older than %s that could not be published",
          sweep.outbox(), config.retention().outbox());
    }
    if (sweep.total() > 0) {
      LOG.infof(
          "retention removed %d ledger rows, %d finished claws with their timelines, %d late"
              + " events' timelines, %d tombstones, %d outbox records",
          sweep.processedEvents(),
          sweep.finishedClaws(),
          sweep.lateTimelines(),
          sweep.tombstones(),
          sweep.outbox());
    }
  }

  private void count(String table, int removed) {
    registry.counter("clawops.retention.deleted", "table", table).increment(removed);
  }

  /** One bounded statement; returns the rows it removed. */
  @FunctionalInterface
  private interface Batch {
    int run() throws SQLException;
  }
}
