package io.clawops.status.replay;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.RunHeartbeat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * HeartbeatMoves#WINDOW} younger: claw.heartbeats lags behind claw.events.
   */
  HEARTBEATS_LATE(fixture -> HeartbeatMoves.of(asRecorded(fixture), true)),

  /**
   * Each heartbeat delivered before the previous run event of its claw when that event is at most
   * {@link HeartbeatMoves#WINDOW} older: claw.events lags behind claw.heartbeats.
   */
  HEARTBEATS_EARLY(fixture -> HeartbeatMoves.of(asRecorded(fixture), false)),

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

  static boolean isHeartbeat(ReplayInput input) {
    return input instanceof ReplayInput.Delivered delivered
        && delivered.envelope() != null
        && delivered.envelope().data() instanceof RunHeartbeat;
  }
}
