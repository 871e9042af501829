package io.clawops.status.claw;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An immutable snapshot of one claw: its canonical state document ({@link ClawDocuments}) and the
 * stored version it was read at or will be written as (DESIGN §9; 0 before the first write). The
 * reducer never changes a snapshot: it decides on a private copy and returns a new one.
 */
public final class ClawSnapshot {

  private final UUID clawId;
  private final String json;
  private final long version;

  /**
   * The state this snapshot was written from, handed to the next decision on it once (so a claw the
   * fold keeps in memory is not parsed again for every batch); never shown to a reader.
   */
  private final AtomicReference<ClawState> draft;

  private ClawSnapshot(UUID clawId, String json, long version, ClawState draft) {
    this.clawId = Objects.requireNonNull(clawId, "clawId");
    this.json = Objects.requireNonNull(json, "json");
    this.version = version;
    this.draft = new AtomicReference<>(draft);
  }

  /** A snapshot of a stored document. */
  public static ClawSnapshot stored(UUID clawId, String json, long version) {
    return new ClawSnapshot(clawId, json, version, null);
  }

  /** A snapshot of {@code state}, which the caller hands over and never changes again. */
  static ClawSnapshot of(ClawState state, long version) {
    return new ClawSnapshot(state.clawId, ClawDocuments.write(state), version, state);
  }

  public UUID clawId() {
    return clawId;
  }

  /** The canonical document: equal states give equal text. */
  public String json() {
    return json;
  }

  public long version() {
    return version;
  }

  /** A fresh copy of the state to read: changing it changes neither the snapshot nor the claw. */
  public ClawState state() {
    return ClawDocuments.read(json);
  }

  /**
   * A private copy of the state for the reducer to change: the state it was written from the first
   * time (handed over, never shared), a fresh parse after that.
   */
  ClawState draft() {
    ClawState handed = draft.getAndSet(null);
    return handed != null ? handed : state();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClawSnapshot that
        && that.clawId.equals(clawId)
        && that.version == version
        && that.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "claw " + clawId + " v" + version;
  }
}
