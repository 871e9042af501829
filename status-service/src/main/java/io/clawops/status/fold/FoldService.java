package io.clawops.status.fold;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.status.claw.ClawFold;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.ClawTimers;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.persistence.ClawRepository;
import io.clawops.status.persistence.ClawUnitOfWork;
import io.clawops.status.persistence.ProcessedEvents;
import io.clawops.status.persistence.ReceivedEvent;
import io.clawops.status.persistence.StaleClawsException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one polled batch in one transaction, coalesced per claw: each claw is read (from the
 * {@link ClawCache} when this instance wrote it last) and written once however many of its events
 * the batch holds, and each table gets one statement for the whole batch (DESIGN §9).
 */
@ApplicationScoped
public class FoldService {

  /** A batch whose claws another writer changed meanwhile is decided again this often at most. */
  private static final int ROUNDS = 5;

  private static final Logger LOG = Logger.getLogger(FoldService.class);

  @Inject AgroalDataSource dataSource;
  @Inject StatusConfig config;
  @Inject SourceName source;
  @Inject ClawCache cache;

  /** Applies the events not applied before (F1), in their order per claw (F2). */
  public void applyBatch(List<ReceivedEvent> events) {
    Map<UUID, List<ReceivedEvent>> byClaw = new LinkedHashMap<>();
    for (ReceivedEvent event : events) {
      byClaw.computeIfAbsent(event.envelope().clawId(), id -> new ArrayList<>()).add(event);
    }
    for (int round = 1; ; round++) {
      Map<UUID, ClawState> written = new HashMap<>();
      try {
        QuarkusTransaction.requiringNew().run(() -> applyOnce(events, byClaw, written));
        cache.putAll(written.values());
        return;
      } catch (StaleClawsException stale) {
        // A timer, an action or another instance wrote some of these claws: read them again.
        cache.evictAll(byClaw.keySet());
        if (round == ROUNDS) {
          throw stale;
        }
        LOG.debugf("batch of %d events: %s; deciding again", events.size(), stale.getMessage());
      } catch (RuntimeException failure) {
        // The in-memory copies were changed by a transaction that did not commit.
        cache.evictAll(byClaw.keySet());
        throw failure;
      }
    }
  }

  private void applyOnce(
      List<ReceivedEvent> events,
      Map<UUID, List<ReceivedEvent>> byClaw,
      Map<UUID, ClawState> written) {
    Instant now = Instant.now();
    RuleSettings rules = config.ruleSettings();
    try (Connection connection = dataSource.getConnection()) {
      Map<UUID, ClawState> claws = new HashMap<>(cache.getAll(byClaw.keySet()));
      if (claws.size() < byClaw.size()) {
        Set<UUID> unread = new HashSet<>(byClaw.keySet());
        unread.removeAll(claws.keySet());
        claws.putAll(ClawRepository.findAll(connection, unread));
      }
      List<ReceivedEvent> ledgered = new ArrayList<>();
      for (ReceivedEvent event : events) {
        if (needsLedger(event.envelope())) {
          ledgered.add(event);
        }
      }
      Set<UUID> unapplied =
          ledgered.isEmpty()
              ? new HashSet<>()
              : new HashSet<>(ProcessedEvents.recordNew(connection, ledgered));
      ClawUnitOfWork.Batch batch = new ClawUnitOfWork.Batch(config.timelineLimit());
      for (Map.Entry<UUID, List<ReceivedEvent>> entry : byClaw.entrySet()) {
        ClawState claw = claws.get(entry.getKey());
        Effects fx = new Effects(source.value());
        boolean applied = false;
        for (ReceivedEvent event : entry.getValue()) {
          Envelope envelope = event.envelope();
          // remove(): a ledgered duplicate within the batch is applied once too.
          if (needsLedger(envelope) && !unapplied.remove(envelope.eventId())) {
            continue;
          }
          if (claw == null) {
            claw = new ClawState(entry.getKey(), envelope.occurredAt());
          }
          claw.partition = event.partition();
          ClawFold.apply(claw, envelope, now, rules, fx);
          applied = true;
        }
        if (applied) {
          batch.add(claw, fx, now, rules, ClawTimers.nextDue(claw, now, rules));
          written.put(claw.clawId, claw);
        }
      }
      batch.flush(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("could not apply a batch of " + events.size() + " events", e);
    }
  }

  /**
   * Whether redelivery of this envelope is told apart by the ledger: every envelope but a
   * heartbeat, which counts once by its run's {@code beat} counter (F1) and would otherwise make
   * the ledger grow with every beat of every live run.
   */
  static boolean needsLedger(Envelope envelope) {
    return !(envelope.data() instanceof RunHeartbeat);
  }
}
