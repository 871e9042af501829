package io.clawops.status.claw;

import java.time.Instant;
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
  private final Instant storedDue;

  /**
   * The state this snapshot was written from, handed to the next decision on it once (so a claw the
   * fold keeps in memory is not parsed again for every batch); never shown to a reader.
   */
  private final AtomicReference<ClawState> draft;

  private ClawSnapshot(UUID clawId, String json, long version, ClawState draft, Instant storedDue) {
    this.clawId = Objects.requireNonNull(clawId, "clawId");
    this.json = Objects.requireNonNull(json, "json");
    this.version = version;
    this.draft = new AtomicReference<>(draft);
    this.storedDue = storedDue;
  }

  /** A snapshot of a stored document whose row's due time is not known. */
  public static ClawSnapshot stored(UUID clawId, String json, long version) {
    return stored(clawId, json, version, null);
  }

  /** A snapshot of a stored document and the due time its row is swept at. */
  public static ClawSnapshot stored(UUID clawId, String json, long version, Instant storedDue) {
    return new ClawSnapshot(clawId, json, version, null, storedDue);
  }

  /** A snapshot of {@code state}, which the caller hands over and never changes again. */
  static ClawSnapshot of(ClawState state, long version) {
    return new ClawSnapshot(state.clawId, ClawDocuments.write(state), version, state, null);
  }

  /**
   * This snapshot as written, with the due time its row was given; the state it was written from
   * goes along to the next decision.
   */
  public ClawSnapshot written(Instant storedDue) {
    return new ClawSnapshot(clawId, json, version, draft.getAndSet(null), storedDue);
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

  /**
   * When the timer sweeper takes the claw up, as its row says ({@code next_due_at}): at or before
   * its timers are next due. Null when no timer runs, or when not known (a snapshot not read or
   * written with its row).
   */
  public Instant storedDue() {
    return storedDue;
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
