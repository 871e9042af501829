package io.clawops.status.claw;

import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunHeartbeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one reducer of a claw (DESIGN §7): {@code decide(snapshot, input, clock)} gives the new
 * snapshot and what to publish, for a record of the claw's streams, a timer tick or an operator
 * action alike. It is deterministic: it reads no clock but the one it is given and mints no random
 * id (ids derive from the input's cause, {@link Effects}), so the same inputs on the same snapshot
 * give the same snapshot and the same records, byte for byte. The fold, the timers and the REST
 * actions all decide through it.
 *
 * <p>Each rule is one case, in one place: records by type in {@link ClawFold} (bootstrap, tasks,
 * heartbeats: F2, F3, F6) and {@link RunEventRules} (run events: F1, F3, F4, F5, then L1–L3 in
 * {@link LoopRules} and M1–M2 in {@link ModelTimeoutRule}); timers in {@link ClawTimers} (F6, F11,
 * liveness, deadlines); actions in {@link ClawActions} (F9, F11); causes in {@link CauseLedger}
 * (F5, F7); the status in {@link StatusClassifier} (§6.2) and its publication in {@link
 * StatusPublication}, after every input.
 */
public final class ClawReducer {

  /** One input and the clock it is decided at. */
  public record Step(ClawInput input, Instant clock) {}

  private ClawReducer() {}

  /**
   * Decides one input. {@code snapshot} is null for a claw not seen before: only a record of its
   * streams creates one; a tick or an action on it decides nothing.
   */
  public static Decision decide(
      ClawSnapshot snapshot,
      UUID clawId,
      ClawInput input,
      Instant clock,
      RuleSettings rules,
      String source) {
    return decideAll(snapshot, clawId, List.of(new Step(input, clock)), rules, source);
  }

  /**
   * Decides several inputs of one claw in order: the same as deciding them one after the other,
   * with one copy of the state and one document at the end.
   */
  public static Decision decideAll(
      ClawSnapshot snapshot, UUID clawId, List<Step> steps, RuleSettings rules, String source) {
    ClawState claw = snapshot == null ? null : snapshot.draft();
    int linesBefore = claw == null ? 0 : claw.timelineLines;
    List<Effects.Outgoing> outgoing = new ArrayList<>();
    List<TimelineEntry> timeline = new ArrayList<>();
    List<UUID> unguarded = new ArrayList<>();
    ActionResult result = null;
    StatusView view = null;
    Step last = null;
    for (Step step : steps) {
      ClawInput input = step.input();
      if (claw == null) {
        if (!(input instanceof ClawInput.Event event)) {
          continue;
        }
        claw = new ClawState(clawId, event.envelope().occurredAt());
      }
      last = step;
      if (isRedelivery(claw, input)) {
        // F1: applied before; the claw is as it was.
        continue;
      }
      if (input instanceof ClawInput.Event event && !guardsRedelivery(claw, event.envelope())) {
        unguarded.add(event.envelope().eventId());
      }
      Instant clock = step.clock();
      Effects fx = new Effects(source, clawId, input.causeKey(claw), clock);
      ActionResult answer = apply(claw, input, clock, rules, fx);
      if (answer != null) {
        result = answer;
        if (!answer.accepted()) {
          continue;
        }
      }
      if (!(input instanceof ClawInput.Event)) {
        claw.decisions++;
      }
      if (claw.updatedAt == null || clock.isAfter(claw.updatedAt)) {
        claw.updatedAt = clock;
      }
      view = StatusPublication.publishIfChanged(claw, clock, rules, fx);
      claw.timelineLines += fx.timeline().size();
      outgoing.addAll(fx.outgoing());
      timeline.addAll(fx.timeline());
    }
    if (claw == null) {
      return new Decision(
          null, false, List.of(), List.of(), null, null, null, emptyRow(clawId), List.of());
    }
    Instant clock = last.clock();
    if (view == null) {
      view = StatusClassifier.classify(claw, Liveness.connection(claw, clock, rules));
    }
    Instant nextDue =
        last.input() instanceof ClawInput.Tick tick
            ? ClawTimers.nextDueAfterTick(claw, clock, rules, clock.plus(tick.heldBack()))
            : ClawTimers.nextDue(claw, clock, rules);
    long version = snapshot == null ? 0 : snapshot.version();
    ClawSnapshot after = ClawSnapshot.of(claw, version + 1);
    boolean changed = snapshot == null || !after.json().equals(snapshot.json());
    return new Decision(
        changed ? after : snapshot,
        changed,
        List.copyOf(outgoing),
        List.copyOf(timeline),
        result,
        view,
        nextDue,
        new Decision.Row(
            clawId,
            claw.workflowRunId,
            claw.createdAt,
            claw.updatedAt,
            claw.partition,
            linesBefore,
            claw.timelineLines,
            claw.currentRun() == null ? null : claw.currentRun().runnerId,
            claw.inStatusSince(),
            queuedAt(claw, view.status()),
            snapshot == null ? null : snapshot.storedDue()),
        List.copyOf(unguarded));
  }

  private static ActionResult apply(
      ClawState claw, ClawInput input, Instant clock, RuleSettings rules, Effects fx) {
    if (input instanceof ClawInput.Event event) {
      if (event.partition() >= 0) {
        claw.partition = event.partition();
      }
      ClawFold.apply(claw, event.envelope(), clock, rules, fx);
      return null;
    } else if (input instanceof ClawInput.Tick tick) {
      ClawTimers.tick(claw, clock, tick.watchingSince(), rules, fx);
      return null;
    } else if (input instanceof ClawInput.Retry retry) {
      return ClawActions.retry(claw, retry.profile(), retry.runSeconds(), clock, rules, fx);
    } else if (input instanceof ClawInput.Cancel) {
      return ClawActions.cancel(claw, clock, rules, fx);
    } else {
      return ClawActions.remove(claw, clock, rules, fx);
    }
  }

  /**
   * F1 without the ledger: a run event at or below its run's {@code seq} high-water mark, or a
   * heartbeat its run already counted.
   */
  static boolean isRedelivery(ClawState claw, ClawInput input) {
    if (!(input instanceof ClawInput.Event event)) {
      return false;
    }
    Envelope envelope = event.envelope();
    if (envelope.data() instanceof RunEvent run) {
      return RunEventRules.isRedelivery(claw, run);
    }
    if (envelope.data() instanceof RunHeartbeat beat) {
      RunState run = claw.run(beat.attempt());
      return run != null && beat.runId().equals(run.runId) && beat.beat() <= run.lastBeat;
    }
    return false;
  }

  /**
   * Whether the claw, as it is before {@code envelope} is applied, will tell a redelivery of it
   * apart for good, without the ledger (F1): a heartbeat by its run's beat counter, and an event of
   * a run that has started and is its attempt's run by the run's {@code seq} high-water mark (an
   * attempt's run changes only before it starts, when a second claim takes it over). Every other
   * record (a task, a bootstrap record, a run's events up to its start, another run's events) is
   * told apart by its {@code eventId} in the ledger.
   */
  static boolean guardsRedelivery(ClawState claw, Envelope envelope) {
    if (envelope.data() instanceof RunHeartbeat) {
      return true;
    }
    if (envelope.data() instanceof RunEvent event) {
      RunState run = claw.run(event.attempt());
      return run != null && event.runId().equals(run.runId) && run.startedAt != null;
    }
    return false;
  }

  private static Decision.Row emptyRow(UUID clawId) {
    return new Decision.Row(clawId, null, null, null, -1, 0, 0, null, null, null, null);
  }

  /**
   * When the current attempt was dispatched, while it waits for a runner and the claw is ready (or
   * recovering): the scheduler's queue. Null otherwise.
   */
  static Instant queuedAt(ClawState claw, ClawStatus status) {
    boolean queued =
        (status == ClawStatus.READY || status == ClawStatus.RECOVERING) && claw.waitsForRunner();
    return queued ? claw.currentRun().dispatchedAt : null;
  }
}
