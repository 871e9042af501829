package io.clawops.status.claw;

import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What deciding one input asks the outside world to do: records to publish and timeline lines to
 * store. Every id it mints is derived from the claw, the input's cause key and the order of minting
 * (name-based UUIDs), and every record it publishes carries the decision's clock: the same input on
 * the same snapshot publishes the same records, byte for byte.
 */
public final class Effects {

  /** A record to publish on a topic, keyed by its claw. */
  public record Outgoing(String topic, Envelope envelope) {}

  private final String source;
  private final UUID clawId;
  private final String causeKey;
  private final Instant clock;
  private final List<Outgoing> outgoing = new ArrayList<>();
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private int minted;

  /**
   * Effects of the input named {@code causeKey} (an event id, or a timer tick's or action's name)
   * on claw {@code clawId}, decided at {@code clock}; envelopes name {@code source} as producer.
   */
  Effects(String source, UUID clawId, String causeKey, Instant clock) {
    this.source = source;
    this.clawId = clawId;
    this.causeKey = causeKey;
    this.clock = clock.truncatedTo(ChronoUnit.MILLIS);
  }

  public String source() {
    return source;
  }

  /** A new id for something this decision creates ({@code kind}: task, command, record). */
  UUID id(String kind) {
    String name = "clawops:" + clawId + ":" + causeKey + ":" + kind + ":" + minted++;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  void publish(String topic, MessageData data) {
    Envelope envelope =
        new Envelope(
            id("event"), data.type(), clawId, clock, source, Envelope.CURRENT_SCHEMA, data);
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
