package io.clawops.status.replay;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.Decision;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.claw.TimelineEntry;
import io.clawops.status.rest.ClawView;
import io.clawops.status.rest.ReplayViews;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Drives status-service's reducer over a replayed history in memory, as the fold, the timer sweeper
 * and the action service drive it live (through ClawDecider): the one class of the replay test that
 * calls the rules.
 *
 * <p>Each delivered record is its own batch (FoldService): {@code ClawReducer.decide} at the
 * record's {@code occurredAt}, kept unless the record is one the ledger tells apart and holds.
 * Before a record or action is applied, the replay clock advances to its time and every timer due
 * by then fires at its due time (TimerSweeper). Actions are decided at the clock's time
 * (ActionService).
 */
final class ReplayDriver {

  /** What the replayed service names itself as the producer of its records. */
  static final String SOURCE = "status/replay";

  /** The live sweeper's interval: a timer held back is looked at again this much later. */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

  /** A bound on timer ticks, so a timer that never settles fails the replay instead of hanging. */
  private static final int MAX_TICKS = 100_000;

  /** An action's answer, next to what the live service answered. */
  record ActionAnswer(Instant at, String action, int recordedHttpStatus, ActionResult result) {}

  /** What the replay made of one claw. */
  record ClawReplay(
      UUID clawId,
      String document,
      ClawView view,
      List<Effects.Outgoing> published,
      List<TimelineEntry> timeline,
      List<ActionAnswer> actions) {}

  /** What the replay made of a history. */
  record Replayed(Map<UUID, ClawReplay> claws, List<String> deadLetters, int ticks) {}

  private final RuleSettings rules;
  private final Instant watchingSince;
  private final Map<UUID, ClawSnapshot> snapshots = new LinkedHashMap<>();
  private final Map<UUID, Instant> due = new LinkedHashMap<>();
  private final Set<UUID> ledger = new HashSet<>();
  private final Map<UUID, List<Effects.Outgoing>> published = new LinkedHashMap<>();
  private final Map<UUID, List<TimelineEntry>> timelines = new LinkedHashMap<>();
  private final Map<UUID, List<ActionAnswer>> answers = new LinkedHashMap<>();
  private final List<String> deadLetters = new ArrayList<>();
  private final Consumer<Effects.Outgoing> onPublish;
  private Instant clock;
  private int ticks;

  /**
   * A service that starts folding at {@code start} (silence is measured from then, as after a
   * start-up) and tells {@code onPublish} of every record it publishes.
   */
  ReplayDriver(RuleSettings rules, Instant start, Consumer<Effects.Outgoing> onPublish) {
    this.rules = rules;
    this.watchingSince = start;
    this.clock = start;
    this.onPublish = onPublish;
  }

  /** Moves the clock forward (never back) and fires every timer due by then, earliest first. */
  void advanceTo(Instant at) {
    while (true) {
      Map.Entry<UUID, Instant> next =
          due.entrySet().stream()
              .filter(entry -> !entry.getValue().isAfter(at))
              .min(
                  Comparator.comparing(Map.Entry<UUID, Instant>::getValue)
                      .thenComparing(entry -> entry.getKey().toString()))
              .orElse(null);
      if (next == null) {
        break;
      }
      if (++ticks > MAX_TICKS) {
        throw new IllegalStateException("timers still due after " + MAX_TICKS + " ticks");
      }
      if (next.getValue().isAfter(clock)) {
        clock = next.getValue();
      }
      tick(next.getKey());
    }
    if (at.isAfter(clock)) {
      clock = at;
    }
  }

  /** FoldService for a batch of one record, decided at the record's own time. */
  void fold(ReplayInput.Delivered record) {
    Envelope envelope = record.envelope();
    if (envelope == null) {
      deadLetters.add(record.position() + ": " + record.error());
      return;
    }
    if (envelope.data() instanceof RunnerBeat) {
      // A runner's capacity goes to the fleet, not into a claw.
      return;
    }
    // F1 as FoldService does it: decided first; a record the claw's state would not tell apart on
    // redelivery (Decision.unguarded) counts only when it is new to the ledger.
    UUID clawId = envelope.clawId();
    Decision decision =
        ClawReducer.decide(
            snapshots.get(clawId),
            clawId,
            new ClawInput.Event(envelope, record.partition()),
            envelope.occurredAt(),
            rules,
            SOURCE);
    if (decision.unguarded().contains(envelope.eventId()) && !ledger.add(envelope.eventId())) {
      return;
    }
    store(clawId, decision);
  }

  /** TimerSweeper for one due claw, at the clock's time. */
  private void tick(UUID clawId) {
    decide(clawId, new ClawInput.Tick(watchingSince, SWEEP_INTERVAL), clock);
  }

  /** ActionService: the action on the stored snapshot, at the clock's time. */
  void act(ReplayInput.Action action) {
    ActionResult result;
    if (!snapshots.containsKey(action.clawId())) {
      result = new ActionResult(false, "no such claw");
    } else {
      ClawInput input =
          switch (action.action()) {
            case "retry" -> new ClawInput.Retry(null, null);
            case "cancel" -> new ClawInput.Cancel();
            case "remove" -> new ClawInput.Remove();
            default -> throw new IllegalArgumentException("unknown action " + action.action());
          };
      result = decide(action.clawId(), input, clock).result();
    }
    answers
        .computeIfAbsent(action.clawId(), id -> new ArrayList<>())
        .add(new ActionAnswer(clock, action.action(), action.httpStatus(), result));
  }

  /**
   * ClawDecider: the reducer decides the input on the claw's snapshot; the unit of work keeps the
   * new snapshot, its next due time, its lines and its records.
   */
  private Decision decide(UUID clawId, ClawInput input, Instant at) {
    return store(
        clawId, ClawReducer.decide(snapshots.get(clawId), clawId, input, at, rules, SOURCE));
  }

  /** Stores what was decided, as ClawDecider writes it. */
  private Decision store(UUID clawId, Decision decision) {
    if (decision.snapshot() == null) {
      return decision;
    }
    snapshots.put(clawId, decision.snapshot());
    if (decision.nextDue() == null) {
      due.remove(clawId);
    } else {
      due.put(clawId, decision.nextDue());
    }
    published.computeIfAbsent(clawId, id -> new ArrayList<>()).addAll(decision.outgoing());
    decision.outgoing().forEach(onPublish);
    timelines.computeIfAbsent(clawId, id -> new ArrayList<>()).addAll(decision.timeline());
    return decision;
  }

  /** Every claw as stored now, and as {@code GET /api/claws/{id}} shows it at the clock's time. */
  Replayed result() {
    Map<UUID, ClawReplay> claws = new LinkedHashMap<>();
    for (Map.Entry<UUID, ClawSnapshot> entry : snapshots.entrySet()) {
      UUID clawId = entry.getKey();
      ClawState claw = entry.getValue().state();
      claws.put(
          clawId,
          new ClawReplay(
              clawId,
              entry.getValue().json(),
              ReplayViews.of(claw, clock, rules),
              List.copyOf(published.getOrDefault(clawId, List.of())),
              List.copyOf(timelines.getOrDefault(clawId, List.of())),
              List.copyOf(answers.getOrDefault(clawId, List.of()))));
    }
    return new Replayed(claws, List.copyOf(deadLetters), ticks);
  }
}
