package io.clawops.status.claw;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@link ClawReducer} decided for one claw: the new snapshot (the same one when nothing
 * changed), the records to publish and timeline lines to store, the answer to an operator action,
 * the status as classified now, when its timers are due next, and the columns its row is indexed
 * by.
 *
 * @param snapshot the snapshot after the decision; its version is the one it will be written as
 * @param changed whether the document changed (nothing to write otherwise)
 * @param result the answer to an operator action, null for records and ticks
 * @param unguarded the event ids of the records applied whose redelivery the claw's state would not
 *     tell apart (F1): the fold applies them only if they are new to the ledger
 */
public record Decision(
    ClawSnapshot snapshot,
    boolean changed,
    List<Effects.Outgoing> outgoing,
    List<TimelineEntry> timeline,
    ActionResult result,
    StatusView status,
    Instant nextDue,
    Row row,
    List<UUID> unguarded) {

  /**
   * The columns of the claw's row besides its document, as of the decision.
   *
   * @param runnerId the runner of the current attempt, null before one claimed it
   * @param statusSince since when the claw has its status
   * @param queuedAt when the current attempt was dispatched, while it waits for a runner (the
   *     scheduler's queue); null otherwise
   * @param storedDueBefore the row's due time before the decision ({@link
   *     ClawSnapshot#storedDue()}), null when none or not known
   */
  public record Row(
      UUID clawId,
      String workflowRunId,
      Instant createdAt,
      Instant updatedAt,
      int partition,
      int timelineLinesBefore,
      int timelineLines,
      String runnerId,
      Instant statusSince,
      Instant queuedAt,
      Instant storedDueBefore) {}

  /** Whether an action was refused (nothing changed then). */
  public boolean refused() {
    return result != null && !result.accepted();
  }
}
