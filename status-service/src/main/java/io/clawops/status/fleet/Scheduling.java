package io.clawops.status.fleet;

import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.RunState;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code Scheduled} condition of a claw (DESIGN §6.1): has a runner taken its current task, and
 * if not, why not. Pure: derived at read time from the claw and the fleet.
 */
public final class Scheduling {

  public static final String TYPE = "Scheduled";
  public static final String NO_RUNNER = "no_runner";
  public static final String NO_FREE_SLOT = "no_free_slot";
  public static final String CLAIM_PENDING = "claim_pending";
  public static final String CLAIMED = "claimed";

  /** The condition, and how long the task waited (still waits) for a runner; null when none. */
  public record Verdict(
      String status, String reason, String message, Instant since, Double queueWaitSeconds) {

    public boolean waiting() {
      return "False".equals(status);
    }
  }

  private Scheduling() {}

  public static Verdict of(ClawState claw, Fleet fleet, Instant now) {
    RunState run = claw.currentRun();
    if (run == null || run.dispatchedAt == null) {
      return new Verdict("Unknown", null, null, null, null);
    }
    if (run.claimedAt != null || run.runId != null) {
      Instant claimed = run.claimedAt != null ? run.claimedAt : run.dispatchedAt;
      return new Verdict(
          "True",
          CLAIMED,
          run.runnerId == null ? "claimed" : "claimed by " + run.runnerId,
          claimed,
          seconds(run.dispatchedAt, claimed));
    }
    if (!claw.waitsForRunner()) {
      return new Verdict("Unknown", null, null, run.dispatchedAt, null);
    }
    double waited = seconds(run.dispatchedAt, now);
    if (fleet.liveRunners() == 0) {
      return new Verdict(
          "False",
          NO_RUNNER,
          "no runner is live: the task waits until one starts",
          run.dispatchedAt,
          waited);
    }
    if (fleet.freeSlots() == 0) {
      return new Verdict(
          "False",
          NO_FREE_SLOT,
          "every slot of the "
              + fleet.liveRunners()
              + " live runners is busy ("
              + fleet.liveSlots()
              + " slots): the task waits for the next one to free",
          run.dispatchedAt,
          waited);
    }
    return new Verdict(
        "False",
        CLAIM_PENDING,
        fleet.freeSlots() + " slots are free: a runner is about to claim the task",
        run.dispatchedAt,
        waited);
  }

  private static double seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
  }
}
