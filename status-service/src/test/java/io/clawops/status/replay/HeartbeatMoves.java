package io.clawops.status.replay;

import io.clawops.contracts.message.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Heartbeats moved against the run events of their claw, as a lagging claw.heartbeats (or
 * claw.events) would deliver them, each heartbeat partition's order kept.
 */
final class HeartbeatMoves {

  /** How far a heartbeat moves at most: about one heartbeat interval of the recorded claws. */
  static final Duration WINDOW = Duration.ofMillis(1500);

  private HeartbeatMoves() {}

  /**
   * The recorded order with heartbeats moved past the neighbouring run event of their claw (later
   * or earlier), the heartbeat topic's per-partition order kept: a heartbeat never passes an
   * earlier (later) one of its partition, so one that would is moved along with it.
   */
  static List<ReplayInput> of(List<ReplayInput> recorded, boolean late) {
    List<ReplayInput> others = new ArrayList<>();
    // Where each heartbeat goes: after others.get(anchor), -1 before them all.
    List<ReplayInput.Delivered> beats = new ArrayList<>();
    List<Integer> anchors = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      ReplayInput input = recorded.get(i);
      if (Deliveries.isHeartbeat(input)) {
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
  static long moved(List<ReplayInput> recorded, List<ReplayInput> moved) {
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
      if (Deliveries.isHeartbeat(input)) {
        before.put(input, others);
      } else {
        others++;
      }
    }
    return before;
  }

  private static boolean isRunEventOf(ReplayInput input, UUID clawId) {
    return input instanceof ReplayInput.Delivered delivered
        && delivered.envelope() != null
        && delivered.envelope().clawId().equals(clawId)
        && delivered.envelope().data() instanceof RunEvent;
  }
}
