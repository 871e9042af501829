package io.clawops.status.fold;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.persistence.ProcessedEvents;
import io.clawops.status.persistence.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

  /** Applies the events not applied before (F1), in their order per claw (F2). */
  public void applyBatch(List<ReceivedEvent> events) {
    Map<UUID, List<ReceivedEvent>> byClaw = new LinkedHashMap<>();
    for (ReceivedEvent event : events) {
      byClaw.computeIfAbsent(event.envelope().clawId(), id -> new ArrayList<>()).add(event);
    }
    decider.run(
        "a batch of " + events.size() + " events",
        round -> {
          Map<UUID, ClawSnapshot> snapshots = round.load(byClaw.keySet());
          List<ReceivedEvent> ledgered = new ArrayList<>();
          for (ReceivedEvent event : events) {
            if (needsLedger(event.envelope())) {
              ledgered.add(event);
            }
          }
          Set<UUID> unapplied =
              ledgered.isEmpty()
                  ? new HashSet<>()
                  : new HashSet<>(ProcessedEvents.recordNew(round.connection(), ledgered));
          Map<UUID, List<ClawReducer.Step>> steps = new LinkedHashMap<>();
          for (Map.Entry<UUID, List<ReceivedEvent>> entry : byClaw.entrySet()) {
            List<ClawReducer.Step> claw = new ArrayList<>();
            for (ReceivedEvent event : entry.getValue()) {
              Envelope envelope = event.envelope();
              // remove(): a ledgered duplicate within the batch is applied once too.
              if (needsLedger(envelope) && !unapplied.remove(envelope.eventId())) {
                continue;
              }
              claw.add(
                  new ClawReducer.Step(
                      new ClawInput.Event(envelope, event.partition()), envelope.occurredAt()));
            }
            if (!claw.isEmpty()) {
              steps.put(entry.getKey(), claw);
            }
          }
          round.decide(snapshots, steps);
          return null;
        });
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
