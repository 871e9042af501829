package io.clawops.e2e.system;

import io.clawops.contracts.message.Envelope;
import io.clawops.testkit.TopicRecorder;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Selects one claw's envelopes of one type from what a {@link TopicRecorder} saw. */
public final class Envelopes {

  private Envelopes() {}

  /** Matches the envelopes of {@code type} about {@code clawId}. */
  public static Predicate<Envelope> of(UUID clawId, String type) {
    return envelope -> envelope.clawId().equals(clawId) && envelope.type().equals(type);
  }

  /** The envelopes of {@code type} about {@code clawId} seen so far, in arrival order. */
  public static List<Envelope> select(TopicRecorder recorder, UUID clawId, String type) {
    return recorder.envelopes().stream().filter(of(clawId, type)).toList();
  }
}
