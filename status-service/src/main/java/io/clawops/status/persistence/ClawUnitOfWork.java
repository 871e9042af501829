package io.clawops.status.persistence;

import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.ClawTimers;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.claw.StatusPublication;
import io.clawops.status.claw.StatusView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Finishes a change to one claw inside the caller's transaction: publishes a status change if there
 * is one, stores the document, its timeline lines and its outgoing records.
 */
public final class ClawUnitOfWork {

  /** Timeline lines a claw may gain before its timeline is pruned back to the limit. */
  private static final int PRUNE_EVERY = 50;

  private ClawUnitOfWork() {}

  public static StatusView commit(
      Connection connection,
      ClawState claw,
      Effects fx,
      Instant now,
      RuleSettings rules,
      int timelineLimit)
      throws SQLException {
    return commit(
        connection, claw, fx, now, rules, timelineLimit, ClawTimers.nextDue(claw, now, rules));
  }

  /** As {@link #commit}, with the claw's next due time already decided by the caller. */
  public static StatusView commit(
      Connection connection,
      ClawState claw,
      Effects fx,
      Instant now,
      RuleSettings rules,
      int timelineLimit,
      Instant nextDue)
      throws SQLException {
    StatusView view = StatusPublication.publishIfChanged(claw, now, rules, fx);
    int before = claw.timelineLines;
    claw.timelineLines += fx.timeline().size();
    ClawRepository.save(connection, claw, view.status().wire(), nextDue);
    ClawRepository.appendTimeline(connection, claw.clawId, fx.timeline());
    if (claw.timelineLines / PRUNE_EVERY != before / PRUNE_EVERY) {
      prune(connection, claw, timelineLimit);
    }
    Outbox.append(connection, fx.outgoing());
    return view;
  }

  private static void prune(Connection connection, ClawState claw, int limit) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM claw_timeline WHERE claw_id = ? AND id <= (SELECT id FROM claw_timeline"
                + " WHERE claw_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
      delete.setObject(1, claw.clawId);
      delete.setObject(2, claw.clawId);
      delete.setInt(3, limit);
      delete.executeUpdate();
    }
  }
}
