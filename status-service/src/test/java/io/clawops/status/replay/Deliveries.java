package io.clawops.status.replay;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunHeartbeat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The orders in which a fixture's history is delivered. Kafka guarantees only the order within one
 * partition of one topic, so each variant keeps that order and changes what Kafka may change: how
 * the topics interleave, and how often a record arrives.
 */
enum Deliveries {

  /** As recorded: the topics merged by Kafka timestamp, actions at the time they were sent. */
  AS_RECORDED(Deliveries::asRecorded),

  /**
   * Every record delivered twice: right after itself, and the whole history once more at the end (a
   * consumer that restarted from offset zero). Actions are not records: once.
   */
  EVERY_RECORD_TWICE(Deliveries::everyRecordTwice),

  /**
   * Each heartbeat delivered after the next run event of its claw when that event is at most {@link
   * #WINDOW} younger: claw.heartbeats lags behind claw.events.
   */
  HEARTBEATS_LATE(fixture -> heartbeatsMoved(fixture, true)),

  /**
   * Each heartbeat delivered before the previous run event of its claw when that event is at most
   * {@link #WINDOW} older: claw.events lags behind claw.heartbeats.
   */
  HEARTBEATS_EARLY(fixture -> heartbeatsMoved(fixture, false)),

  /**
   * As recorded, but with the producers' redaction undone: every {@code [REDACTED]} in a recorded
   * value is a credential again ({@link #FAKE_CREDENTIAL}), as a runner that does not sanitize
   * would send it. status-service must redact it itself (F10): the records come out the same.
   */
  SECRETS_UNREDACTED(Deliveries::unredacted);

  /**
   * A GitHub-token-shaped fake, built here so no token-shaped literal sits in the sources; it
   * stands where a producer had written {@code [REDACTED]}.
   */
  static final String FAKE_CREDENTIAL = "ghp_" + "R3playF4ke".repeat(4).substring(0, 36);

  private static final String REDACTED = "[REDACTED]";

  /** How far a heartbeat moves at most: about one heartbeat interval of the recorded claws. */
  static final Duration WINDOW = Duration.ofMillis(1500);

  /** Topics in the order a tie of timestamps is broken: what causes what. */
  private static final List<String> TOPIC_ORDER =
      List.of(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS);

  private final Function<Fixture, List<ReplayInput>> order;

  Deliveries(Function<Fixture, List<ReplayInput>> order) {
    this.order = order;
  }

  List<ReplayInput> of(Fixture fixture) {
    return order.apply(fixture);
  }

  /**
   * The partitions merged by timestamp, each in offset order: the head with the smallest timestamp
   * goes next (ties: bootstrap, tasks, events, heartbeats, then partition); an action goes after
   * the records stamped at or before the time it was sent.
   */
  static List<ReplayInput> asRecorded(Fixture fixture) {
    Map<String, Deque<ReplayInput.Delivered>> partitions = new LinkedHashMap<>();
    for (ReplayInput.Delivered record : fixture.records()) {
      partitions
          .computeIfAbsent(record.topic() + "-" + record.partition(), p -> new ArrayDeque<>())
          .add(record);
    }
    Comparator<ReplayInput.Delivered> earliest =
        Comparator.comparing(ReplayInput.Delivered::at)
            .thenComparingInt(record -> TOPIC_ORDER.indexOf(record.topic()))
            .thenComparingInt(ReplayInput.Delivered::partition);
    List<ReplayInput> merged = new ArrayList<>();
    Deque<ReplayInput.Action> actions = new ArrayDeque<>(fixture.actions());
    while (true) {
      ReplayInput.Delivered head =
          partitions.values().stream()
              .filter(queue -> !queue.isEmpty())
              .map(Deque::peek)
              .min(earliest)
              .orElse(null);
      while (!actions.isEmpty() && (head == null || actions.peek().at().isBefore(head.at()))) {
        merged.add(actions.poll());
      }
      if (head == null) {
        return merged;
      }
      merged.add(partitions.get(head.topic() + "-" + head.partition()).poll());
    }
  }

  /**
   * How many recorded values carry a producer's redaction: what {@link #SECRETS_UNREDACTED} undoes.
   */
  static long redactedValues(Fixture fixture) {
    return fixture.records().stream().filter(record -> record.value().contains(REDACTED)).count();
  }

  private static List<ReplayInput> unredacted(Fixture fixture) {
    return asRecorded(fixture).stream()
        .map(
            input ->
                input instanceof ReplayInput.Delivered record && record.value().contains(REDACTED)
                    ? (ReplayInput)
                        record.withValue(record.value().replace(REDACTED, FAKE_CREDENTIAL))
                    : input)
        .toList();
  }

  private static List<ReplayInput> everyRecordTwice(Fixture fixture) {
    List<ReplayInput> recorded = asRecorded(fixture);
    List<ReplayInput> twice = new ArrayList<>();
    for (ReplayInput input : recorded) {
      twice.add(input);
      if (input instanceof ReplayInput.Delivered) {
        twice.add(input);
      }
    }
    recorded.stream().filter(input -> input instanceof ReplayInput.Delivered).forEach(twice::add);
    return twice;
  }

  /**
   * The recorded order with heartbeats moved past the neighbouring run event of their claw (later
   * or earlier), the heartbeat topic's per-partition order kept: a heartbeat never passes an
   * earlier (later) one of its partition, so one that would is moved along with it.
   */
  private static List<ReplayInput> heartbeatsMoved(Fixture fixture, boolean late) {
    List<ReplayInput> recorded = asRecorded(fixture);
    List<ReplayInput> others = new ArrayList<>();
    // Where each heartbeat goes: after others.get(anchor), -1 before them all.
    List<ReplayInput.Delivered> beats = new ArrayList<>();
    List<Integer> anchors = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      ReplayInput input = recorded.get(i);
      if (isHeartbeat(input)) {
        beats.add((ReplayInput.Delivered) input);
        anchors.add(others.size() - 1);
        positions.add(i);
      } else {
        others.add(input);
      }
    }
    for (int b = 0; b < beats.size(); b++) {
      ReplayInput.Delivered beat = beats.get(b);
      UUID clawId = beat.envelope().clawId();
      if (late) {
        for (int o = anchors.get(b) + 1; o < others.size(); o++) {
          if (isRunEventOf(others.get(o), clawId)) {
            if (!others.get(o).at().isAfter(beat.at().plus(WINDOW))) {
              anchors.set(b, o);
            }
            break;
          }
        }
      } else {
        for (int o = anchors.get(b); o >= 0; o--) {
          if (isRunEventOf(others.get(o), clawId)) {
            if (!others.get(o).at().isBefore(beat.at().minus(WINDOW))) {
              anchors.set(b, o - 1);
            }
            break;
          }
        }
      }
    }
    keepPartitionOrder(beats, anchors, late);
    Map<Integer, List<Integer>> byAnchor = new HashMap<>();
    for (int b = 0; b < beats.size(); b++) {
      byAnchor.computeIfAbsent(anchors.get(b), a -> new ArrayList<>()).add(b);
    }
    byAnchor.values().forEach(list -> list.sort(Comparator.comparing(positions::get)));
    List<ReplayInput> moved = new ArrayList<>(recorded.size());
    byAnchor.getOrDefault(-1, List.of()).forEach(b -> moved.add(beats.get(b)));
    for (int o = 0; o < others.size(); o++) {
      moved.add(others.get(o));
      byAnchor.getOrDefault(o, List.of()).forEach(b -> moved.add(beats.get(b)));
    }
    return moved;
  }

  /** Anchors never decrease along one heartbeat partition, whichever way the beats moved. */
  private static void keepPartitionOrder(
      List<ReplayInput.Delivered> beats, List<Integer> anchors, boolean late) {
    Map<Integer, List<Integer>> byPartition = new LinkedHashMap<>();
    for (int b = 0; b < beats.size(); b++) {
      byPartition.computeIfAbsent(beats.get(b).partition(), p -> new ArrayList<>()).add(b);
    }
    for (List<Integer> partition : byPartition.values()) {
      if (late) {
        for (int i = 1; i < partition.size(); i++) {
          int before = anchors.get(partition.get(i - 1));
          anchors.set(partition.get(i), Math.max(before, anchors.get(partition.get(i))));
        }
      } else {
        for (int i = partition.size() - 2; i >= 0; i--) {
          int after = anchors.get(partition.get(i + 1));
          anchors.set(partition.get(i), Math.min(after, anchors.get(partition.get(i))));
        }
      }
    }
  }

  /**
   * How many heartbeats of {@code moved} have another set of other inputs before them than in
   * {@code recorded}: the heartbeats the variant actually moved.
   */
  static long movedHeartbeats(List<ReplayInput> recorded, List<ReplayInput> moved) {
    Map<ReplayInput, Integer> before = othersBefore(recorded);
    Map<ReplayInput, Integer> after = othersBefore(moved);
    return before.entrySet().stream()
        .filter(entry -> !entry.getValue().equals(after.get(entry.getKey())))
        .count();
  }

  private static Map<ReplayInput, Integer> othersBefore(List<ReplayInput> inputs) {
    Map<ReplayInput, Integer> before = new HashMap<>();
    int others = 0;
    for (ReplayInput input : inputs) {
      if (isHeartbeat(input)) {
        before.put(input, others);
      } else {
        others++;
      }
    }
    return before;
  }

  static boolean isHeartbeat(ReplayInput input) {
    return input instanceof ReplayInput.Delivered delivered
        && delivered.envelope() != null
        && delivered.envelope().data() instanceof RunHeartbeat;
  }

  private static boolean isRunEventOf(ReplayInput input, UUID clawId) {
    return input instanceof ReplayInput.Delivered delivered
        && delivered.envelope() != null
        && delivered.envelope().clawId().equals(clawId)
        && delivered.envelope().data() instanceof RunEvent;
  }
}
