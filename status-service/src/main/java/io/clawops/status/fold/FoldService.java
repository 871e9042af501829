package io.clawops.status.fold;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.message.Envelope;
import io.clawops.status.claw.ClawFold;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.persistence.ClawRepository;
import io.clawops.status.persistence.ClawUnitOfWork;
import io.clawops.status.persistence.ProcessedEvents;
import io.clawops.status.persistence.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one polled batch in one transaction, coalesced per claw: each claw is loaded, locked and
 * written once however many of its events the batch holds.
 */
@ApplicationScoped
public class FoldService {

  @Inject AgroalDataSource dataSource;
  @Inject StatusConfig config;
  @Inject SourceName source;

  /** Applies the events not applied before (F1), in their order per claw (F2). */
  @Transactional
  public void applyBatch(List<ReceivedEvent> events) {
    Instant now = Instant.now();
    RuleSettings rules = config.ruleSettings();
    try (Connection connection = dataSource.getConnection()) {
      Set<UUID> fresh = ProcessedEvents.recordNew(connection, events);
      Map<UUID, List<Envelope>> byClaw = new LinkedHashMap<>();
      Map<UUID, Integer> partitions = new HashMap<>();
      for (ReceivedEvent event : events) {
        // remove(): a duplicate within the batch is applied once too.
        if (fresh.remove(event.envelope().eventId())) {
          UUID clawId = event.envelope().clawId();
          byClaw.computeIfAbsent(clawId, id -> new ArrayList<>()).add(event.envelope());
          partitions.put(clawId, event.partition());
        }
      }
      if (byClaw.isEmpty()) {
        return;
      }
      Map<UUID, ClawState> claws = ClawRepository.lockAll(connection, byClaw.keySet());
      for (Map.Entry<UUID, List<Envelope>> entry : byClaw.entrySet()) {
        ClawState claw =
            claws.computeIfAbsent(
                entry.getKey(), id -> new ClawState(id, entry.getValue().get(0).occurredAt()));
        claw.partition = partitions.get(entry.getKey());
        Effects fx = new Effects(source.value());
        for (Envelope envelope : entry.getValue()) {
          ClawFold.apply(claw, envelope, now, rules, fx);
        }
        ClawUnitOfWork.commit(connection, claw, fx, now, rules, config.timelineLimit());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not apply a batch of " + events.size() + " events", e);
    }
  }
}
