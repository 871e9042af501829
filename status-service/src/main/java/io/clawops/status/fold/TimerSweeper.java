package io.clawops.status.fold;

import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.messaging.FoldPartitions;
import io.clawops.status.messaging.FoldProgress;
import io.clawops.status.messaging.OutboxRelay;
import io.clawops.status.outage.DatabaseFailures;
import io.clawops.status.outage.DatabaseOutage;
import io.clawops.status.persistence.ClawRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fires the timers of claws whose next due time has passed. Due times are stored with each claw, so
 * a restarted service picks up exactly where the previous one stopped. While the database is away
 * no timer fires, and after an outage silence is measured from its end at the earliest: the fold
 * has a backlog of evidence to apply first (DESIGN §9).
 */
@ApplicationScoped
public class TimerSweeper {

  private static final int BATCH = 200;

  /** Batches one sweep may take: a bound, so one sweep always ends and the next one starts. */
  private static final int MAX_BATCHES = 50;

  @Inject StatusConfig config;
  @Inject ClawDecider decider;
  @Inject OutboxRelay relay;
  @Inject FoldProgress progress;
  @Inject DatabaseOutage outage;

  @Inject
  @Identifier(FoldPartitions.NAME)
  FoldPartitions partitions;

  @Scheduled(
      every = "${clawops.sweep-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweep() {
    progress.refresh();
    if (outage.isDown(DatabaseOutage.FOLD)) {
      // The fold holds evidence it cannot store yet: no claw is judged on a record behind it.
      return;
    }
    try {
      int swept;
      int batches = 0;
      do {
        swept = sweepDue();
      } while (swept == BATCH && ++batches < MAX_BATCHES);
      outage.recovered(DatabaseOutage.TIMERS);
    } catch (RuntimeException e) {
      if (!DatabaseFailures.isTransient(e)) {
        throw e;
      }
      // The failed batch rolled back whole: its due times stand, so the next sweep fires them.
      outage.failed(DatabaseOutage.TIMERS, e);
      return;
    }
    relay.kick();
  }

  /**
   * Ticks one batch of due claws of the partitions this instance owns and has folded to their end
   * (and then waited {@code takeover-settle}); other instances skip the rows this one holds.
   */
  int sweepDue() {
    Instant now = Instant.now();
    Map<Integer, Instant> owned = partitions.ownedSince();
    // The end of the fold's last outage counts like a takeover: the backlog it left goes first.
    outage
        .recoveredAt(DatabaseOutage.FOLD)
        .ifPresent(end -> owned.replaceAll((p, since) -> since.isAfter(end) ? since : end));
    // Just caught up: what arrived meanwhile on another fold topic may still be on its way.
    owned.values().removeIf(since -> since.plus(config.rules().takeoverSettle()).isAfter(now));
    if (owned.isEmpty()) {
      return 0;
    }
    return decider.run(
        "a timer sweep",
        round -> {
          Map<UUID, ClawSnapshot> due = new LinkedHashMap<>();
          Map<UUID, Integer> partitionOf = new HashMap<>();
          Connection connection = round.connection();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT claw_id, state::text, version, next_due_at, kafka_partition FROM claw"
                      + " WHERE kafka_partition = ANY(?) AND next_due_at <= ?"
                      + " ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setArray(1, connection.createArrayOf("integer", owned.keySet().toArray()));
            select.setTimestamp(2, Timestamp.from(now));
            select.setInt(3, BATCH);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                UUID clawId = rows.getObject(1, UUID.class);
                due.put(clawId, ClawRepository.read(rows));
                partitionOf.put(clawId, rows.getInt(5));
              }
            }
          }
          round.loaded(due.keySet());
          Map<UUID, List<ClawReducer.Step>> steps = new LinkedHashMap<>();
          for (UUID clawId : due.keySet()) {
            ClawInput tick =
                new ClawInput.Tick(owned.get(partitionOf.get(clawId)), config.sweepInterval());
            steps.put(clawId, List.of(new ClawReducer.Step(tick, now)));
          }
          round.decide(due, steps);
          return due.size();
        });
  }
}
