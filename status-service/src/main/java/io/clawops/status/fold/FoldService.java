package io.clawops.status.fold;

import io.clawops.contracts.message.Envelope;
import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.Decision;
import io.clawops.status.persistence.ProcessedEvents;
import io.clawops.status.persistence.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one polled batch in one round of {@link ClawDecider}, coalesced per claw: each claw is
 * read (from the {@link ClawCache} when this instance wrote it last), decided on all of its events
 * in the batch and written once, and each table gets one statement for the whole batch (DESIGN §9).
 * Each event is decided at its own time ({@code occurredAt}): the record a history folds to does
 * not depend on when or in which batches it was folded.
 */
@ApplicationScoped
public class FoldService {

  @Inject ClawDecider decider;

  /**
   * Applies the events not applied before (F1), in their order per claw (F2). Each claw is decided
   * on its events first; the records whose redelivery its state would not tell apart (tasks,
   * bootstrap records, a run's events up to its start: {@link Decision#unguarded()}) then go into
   * the ledger in one statement, and a claw with one the ledger already held is decided again
   * without it. A started run's events and heartbeats are told apart by the run's {@code seq}
   * high-water mark and beat counter and cost no ledger row.
   */
  public void applyBatch(List<ReceivedEvent> events) {
    Map<UUID, List<ReceivedEvent>> byClaw = new LinkedHashMap<>();
    Map<UUID, ReceivedEvent> byId = new HashMap<>();
    for (ReceivedEvent event : events) {
      // A copy within the batch is applied once too.
      if (byId.putIfAbsent(event.envelope().eventId(), event) == null) {
        byClaw.computeIfAbsent(event.envelope().clawId(), id -> new ArrayList<>()).add(event);
      }
    }
    decider.run(
        "a batch of " + events.size() + " events",
        round -> {
          Map<UUID, ClawSnapshot> snapshots = round.load(byClaw.keySet());
          Set<UUID> applied = new HashSet<>();
          Map<UUID, Decision> decisions =
              round.evaluate(snapshots, steps(byClaw, byClaw.keySet(), applied));
          Set<UUID> ledgered = new HashSet<>();
          while (true) {
            List<ReceivedEvent> toLedger = new ArrayList<>();
            for (Decision decision : decisions.values()) {
              for (UUID eventId : decision.unguarded()) {
                if (ledgered.add(eventId)) {
                  toLedger.add(byId.get(eventId));
                }
              }
            }
            if (toLedger.isEmpty()) {
              break;
            }
            Set<UUID> fresh = ProcessedEvents.recordNew(round.connection(), toLedger);
            Set<UUID> again = new LinkedHashSet<>();
            for (ReceivedEvent event : toLedger) {
              if (!fresh.contains(event.envelope().eventId())) {
                applied.add(event.envelope().eventId());
                again.add(event.envelope().clawId());
              }
            }
            if (again.isEmpty()) {
              break;
            }
            // Redelivered: decide those claws again without what the ledger says was applied.
            decisions.keySet().removeAll(again);
            decisions.putAll(round.evaluate(snapshots, steps(byClaw, again, applied)));
          }
          round.write(decisions);
          return null;
        });
  }

  private static Map<UUID, List<ClawReducer.Step>> steps(
      Map<UUID, List<ReceivedEvent>> byClaw, Set<UUID> clawIds, Set<UUID> applied) {
    Map<UUID, List<ClawReducer.Step>> steps = new LinkedHashMap<>();
    for (UUID clawId : clawIds) {
      List<ClawReducer.Step> claw = new ArrayList<>();
      for (ReceivedEvent event : byClaw.get(clawId)) {
        Envelope envelope = event.envelope();
        if (!applied.contains(envelope.eventId())) {
          claw.add(
              new ClawReducer.Step(
                  new ClawInput.Event(envelope, event.partition()), envelope.occurredAt()));
        }
      }
      if (!claw.isEmpty()) {
        steps.put(clawId, claw);
      }
    }
    return steps;
  }
}
