package io.clawops.status.replay;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.status.claw.Effects;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What status-service decided to do to a claw, told apart by what it acts on rather than by the ids
 * it minted: the commands it sent and the attempts it dispatched, sorted (the live ones come from
 * two topics, whose interleaving Kafka does not keep); and the statuses it published.
 */
final class Decisions {

  private Decisions() {}

  /** The decisions among what the replay published for a claw. */
  static List<String> replayed(List<Effects.Outgoing> published) {
    List<String> decisions = new ArrayList<>();
    for (Effects.Outgoing outgoing : published) {
      if (!outgoing.topic().equals(Topics.STATUS)) {
        decisions.add(of(outgoing.envelope()));
      }
    }
    return decisions.stream().sorted().toList();
  }

  /**
   * The decisions the live service published for a claw: its commands, and the tasks it dispatched
   * (those on claw.tasks it produced itself).
   */
  static List<String> live(Fixture fixture, UUID clawId) {
    List<String> decisions = new ArrayList<>();
    for (ReplayInput.Delivered record : fixture.records()) {
      Envelope envelope = record.envelope();
      if (envelope != null
          && envelope.clawId().equals(clawId)
          && envelope.data() instanceof TaskDispatched
          && String.valueOf(envelope.source()).startsWith("status/")) {
        decisions.add(of(envelope));
      }
    }
    for (ReplayInput.Delivered published : fixture.published()) {
      Envelope envelope = published.envelope();
      if (envelope != null
          && envelope.clawId().equals(clawId)
          && published.topic().equals(Topics.COMMANDS)) {
        decisions.add(of(envelope));
      }
    }
    return decisions.stream().sorted().toList();
  }

  /** The statuses the live service published for a claw, each change once. */
  static List<String> liveStatuses(Fixture fixture, UUID clawId) {
    List<String> statuses = new ArrayList<>();
    for (ReplayInput.Delivered published : fixture.published()) {
      Envelope envelope = published.envelope();
      if (envelope != null
          && envelope.clawId().equals(clawId)
          && envelope.data() instanceof StatusChanged changed) {
        String status = changed.status().wire();
        if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
          statuses.add(status);
        }
      }
    }
    return statuses;
  }

  /** The statuses the replay published for a claw, each change once. */
  static List<String> replayedStatuses(List<Effects.Outgoing> published) {
    List<String> statuses = new ArrayList<>();
    for (Effects.Outgoing outgoing : published) {
      if (outgoing.envelope().data() instanceof StatusChanged changed) {
        String status = changed.status().wire();
        if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
          statuses.add(status);
        }
      }
    }
    return statuses;
  }

  private static String of(Envelope envelope) {
    if (envelope.data() instanceof CommandInjectMessage inject) {
      return inject.type() + " run " + inject.runId() + " " + inject.rule();
    }
    if (envelope.data() instanceof CommandCancel cancel) {
      return cancel.type() + " run " + cancel.runId();
    }
    if (envelope.data() instanceof TaskDispatched task) {
      return task.type() + " attempt " + task.attempt() + " on " + task.modelProfile().name();
    }
    return envelope.type();
  }
}
