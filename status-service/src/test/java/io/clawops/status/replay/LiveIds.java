package io.clawops.status.replay;

import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.status.claw.Effects;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Hands the replayed rules their own ids where a recorded input names an id the live service
 * minted. The fixtures were recorded by a service that minted command and task ids at random, and a
 * timer's ids depend on how many ticks fired before it (live, the sweeper's timing), while the
 * runners echo the live ones: {@code run.hub_message_delivered} and {@code
 * run.hub_message_undelivered} name the live inject's {@code commandId}, {@code run.claimed} the
 * live task's {@code taskId}. The replay decides the same things under other ids, so before an
 * input is delivered each live id of a decision the replay has made too is replaced by the
 * replay's: the n-th corrective message of a run under one rule, the task of an attempt. An input
 * naming a decision the replay has not made keeps the live id. Ids derive from their cause now
 * (DESIGN §7): in a fixture recorded again, every pair of a record-caused id is an identity.
 */
final class LiveIds {

  private final Map<String, UUID> live = new HashMap<>();
  private final Map<String, Integer> replayed = new HashMap<>();
  private final Map<String, String> liveToReplay = new LinkedHashMap<>();

  LiveIds(Fixture fixture) {
    Map<String, Integer> seen = new HashMap<>();
    for (ReplayInput.Delivered published : fixture.published()) {
      Envelope envelope = published.envelope();
      if (envelope != null && envelope.data() instanceof CommandInjectMessage inject) {
        String decision = decision(envelope, inject);
        live.put(decision + " #" + seen.merge(decision, 1, Integer::sum), inject.commandId());
      }
    }
    for (ReplayInput.Delivered record : fixture.records()) {
      Envelope envelope = record.envelope();
      if (envelope != null
          && envelope.data() instanceof TaskDispatched task
          && String.valueOf(envelope.source()).startsWith("status/")) {
        live.put(decision(envelope, task), task.taskId());
      }
    }
  }

  /** Learns the replay's id of a decision the live service made too. */
  void published(Effects.Outgoing outgoing) {
    Envelope envelope = outgoing.envelope();
    String decision;
    UUID id;
    if (envelope.data() instanceof CommandInjectMessage inject) {
      String kind = decision(envelope, inject);
      decision = kind + " #" + replayed.merge(kind, 1, Integer::sum);
      id = inject.commandId();
    } else if (envelope.data() instanceof TaskDispatched task) {
      decision = decision(envelope, task);
      id = task.taskId();
    } else {
      return;
    }
    UUID liveId = live.get(decision);
    if (liveId != null) {
      liveToReplay.put(liveId.toString(), id.toString());
    }
  }

  /** The input with every live id the replay has its own for replaced by that one. */
  ReplayInput translate(ReplayInput input) {
    if (!(input instanceof ReplayInput.Delivered record) || record.envelope() == null) {
      return input;
    }
    String value = record.value();
    for (Map.Entry<String, String> pair : liveToReplay.entrySet()) {
      value = value.replace(pair.getKey(), pair.getValue());
    }
    return value.equals(record.value()) ? input : record.withValue(value);
  }

  /** Live id → replayed id, as learned so far. */
  Map<String, String> pairs() {
    return Map.copyOf(liveToReplay);
  }

  private static String decision(Envelope envelope, CommandInjectMessage inject) {
    return "inject " + envelope.clawId() + " " + inject.runId() + " " + inject.rule();
  }

  private static String decision(Envelope envelope, TaskDispatched task) {
    return "task " + envelope.clawId() + " attempt " + task.attempt();
  }
}
