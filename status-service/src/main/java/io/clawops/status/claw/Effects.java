package io.clawops.status.claw;

import io.clawops.contracts.message.Envelope;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying events to a claw asks the outside world to do: records to publish and timeline
 * lines to store. The rules fill it; messaging and persistence carry it out.
 */
public final class Effects {

  /** A record to publish on a topic, keyed by its claw. */
  public record Outgoing(String topic, Envelope envelope) {}

  private final String source;
  private final List<Outgoing> outgoing = new ArrayList<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();

  /** Effects whose envelopes name {@code source} (e.g. {@code status/host-1}) as producer. */
  public Effects(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  void publish(String topic, Envelope envelope) {
    outgoing.add(new Outgoing(topic, envelope));
  }

  void timeline(TimelineEntry entry) {
    timeline.add(entry);
  }

  public List<Outgoing> outgoing() {
    return outgoing;
  }

  public List<TimelineEntry> timeline() {
    return timeline;
  }
}
