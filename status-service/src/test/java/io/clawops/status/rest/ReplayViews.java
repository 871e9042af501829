package io.clawops.status.rest;

import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.RuleSettings;
import java.time.Instant;

/**
 * Opens the REST projection {@link ClawViews} to the replay test, which lives in its own package.
 */
public final class ReplayViews {

  private ReplayViews() {}

  /** The claw as {@code GET /api/claws/{id}} shows it at {@code now} (no runner fleet known). */
  public static ClawView of(ClawState claw, Instant now, RuleSettings rules) {
    return ClawViews.of(claw, now, rules);
  }
}
