package io.clawops.status.replay;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawActions;
import io.clawops.status.claw.ClawFold;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.ClawTimers;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.claw.StatusPublication;
import io.clawops.status.claw.TimelineEntry;
import io.clawops.status.persistence.ClawStateMapper;
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
 * Drives status-service's rules over a replayed history in memory, as the fold, the timer sweeper
 * and the action service drive them live: the one class of the replay test that calls the rules
 * (fold, timers, actions, status publication, the stored document), so that moving the rules behind
 * another API changes this class only.
 *
 * <p>Each delivered record is its own batch (FoldService): the F1 ledger, then {@code
 * ClawFold.apply}, then the commit of the claw (status publication, document, next due time).
 * Before a record or action is applied, the replay clock advances to its time and every timer due
 * by then fires at its due time (TimerSweeper, on the stored document). Actions run on the stored
 * document (ActionService). Live, the fold keeps its claws in memory between batches and a timer or
 * action writes a newer version the fold then reads back; here the same: the fold works on the
 * object it last committed, a timer or an action on the stored JSON, whose result the fold goes on
 * with.
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
  private final Map<UUID, ClawState> folding = new LinkedHashMap<>();
  private final Map<UUID, String> stored = new LinkedHashMap<>();
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

  /** FoldService for a batch of one record, at the clock's time. */
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
    // F1: every envelope but a heartbeat is told apart by its eventId (FoldService.needsLedger).
    boolean ledgered = !(envelope.data() instanceof RunHeartbeat);
    if (ledgered && !ledger.add(envelope.eventId())) {
      return;
    }
    UUID clawId = envelope.clawId();
    ClawState claw = folding.get(clawId);
    if (claw == null) {
      claw = new ClawState(clawId, envelope.occurredAt());
    }
    claw.partition = record.partition();
    Effects fx = new Effects(SOURCE);
    ClawFold.apply(claw, envelope, clock, rules, fx);
    commit(claw, fx, ClawTimers.nextDue(claw, clock, rules));
  }

  /** TimerSweeper for one due claw, on its stored document. */
  private void tick(UUID clawId) {
    ClawState claw = ClawStateMapper.read(stored.get(clawId));
    Effects fx = new Effects(SOURCE);
    ClawTimers.tick(claw, clock, watchingSince, rules, fx);
    claw.updatedAt = clock;
    commit(claw, fx, ClawTimers.nextDueAfterTick(claw, clock, rules, clock.plus(SWEEP_INTERVAL)));
  }

  /** ActionService: the action on the stored document, committed only when accepted. */
  void act(ReplayInput.Action action) {
    String document = stored.get(action.clawId());
    ActionResult result;
    if (document == null) {
      result = new ActionResult(false, "no such claw");
    } else {
      ClawState claw = ClawStateMapper.read(document);
      Effects fx = new Effects(SOURCE);
      result =
          switch (action.action()) {
            case "retry" -> ClawActions.retry(claw, null, clock, rules, fx);
            case "cancel" -> ClawActions.cancel(claw, clock, rules, fx);
            case "remove" -> ClawActions.remove(claw, clock, rules, fx);
            default -> throw new IllegalArgumentException("unknown action " + action.action());
          };
      if (result.accepted()) {
        claw.updatedAt = clock;
        commit(claw, fx, ClawTimers.nextDue(claw, clock, rules));
      }
    }
    answers
        .computeIfAbsent(action.clawId(), id -> new ArrayList<>())
        .add(new ActionAnswer(clock, action.action(), action.httpStatus(), result));
  }

  /** ClawUnitOfWork: publish a status change, store the document, its lines and records. */
  private void commit(ClawState claw, Effects fx, Instant nextDue) {
    StatusPublication.publishIfChanged(claw, clock, rules, fx);
    claw.timelineLines += fx.timeline().size();
    claw.version++;
    stored.put(claw.clawId, ClawStateMapper.write(claw));
    if (nextDue == null) {
      due.remove(claw.clawId);
    } else {
      due.put(claw.clawId, nextDue);
    }
    folding.put(claw.clawId, claw);
    published.computeIfAbsent(claw.clawId, id -> new ArrayList<>()).addAll(fx.outgoing());
    fx.outgoing().forEach(onPublish);
    timelines.computeIfAbsent(claw.clawId, id -> new ArrayList<>()).addAll(fx.timeline());
  }

  /** Every claw as stored now, and as {@code GET /api/claws/{id}} shows it at the clock's time. */
  Replayed result() {
    Map<UUID, ClawReplay> claws = new LinkedHashMap<>();
    for (Map.Entry<UUID, String> entry : stored.entrySet()) {
      UUID clawId = entry.getKey();
      ClawState claw = ClawStateMapper.read(entry.getValue());
      claws.put(
          clawId,
          new ClawReplay(
              clawId,
              entry.getValue(),
              ReplayViews.of(claw, clock, rules),
              List.copyOf(published.getOrDefault(clawId, List.of())),
              List.copyOf(timelines.getOrDefault(clawId, List.of())),
              List.copyOf(answers.getOrDefault(clawId, List.of()))));
    }
    return new Replayed(claws, List.copyOf(deadLetters), ticks);
  }
}
