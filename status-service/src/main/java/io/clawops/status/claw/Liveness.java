package io.clawops.status.claw;

import io.clawops.contracts.message.ConnectionState;
import java.time.Duration;
import java.time.Instant;

/** Derives a claw's connection from the age of its current run's last heartbeat (DESIGN §7). */
public final class Liveness {

  private Liveness() {}

  /** The heartbeat interval of the claw's task, or the default before any task. */
  public static Duration heartbeatInterval(ClawState claw, RuleSettings rules) {
    return claw.task == null
        ? rules.defaultHeartbeat()
        : Duration.ofSeconds(claw.task.timeouts().heartbeatSeconds());
  }

  /**
   * The evidence the connection is judged by: the current run's last heartbeat, or its claim while
   * no beat arrived yet; null when no runner ever owned the current attempt.
   */
  public static Instant evidenceAt(ClawState claw) {
    RunState run = claw.currentRun();
    if (run == null) {
      return null;
    }
    return run.lastHeartbeatAt != null ? run.lastHeartbeatAt : run.claimedAt;
  }

  /** Connected, stale after {@code staleBeats} missed beats, offline after {@code offlineBeats}. */
  public static ConnectionState connection(ClawState claw, Instant now, RuleSettings rules) {
    Instant evidence = evidenceAt(claw);
    if (evidence == null) {
      return ConnectionState.OFFLINE;
    }
    long missed = missedBeats(claw, evidence, now, rules);
    if (missed >= rules.offlineBeats()) {
      return ConnectionState.OFFLINE;
    }
    return missed >= rules.staleBeats() ? ConnectionState.STALE : ConnectionState.CONNECTED;
  }

  /** Whole heartbeat intervals elapsed since the evidence. */
  static long missedBeats(ClawState claw, Instant evidence, Instant now, RuleSettings rules) {
    long interval = heartbeatInterval(claw, rules).toMillis();
    return Math.max(0, Duration.between(evidence, now).toMillis()) / interval;
  }

  /** When the connection of the current run changes next if no beat arrives, or null. */
  static Instant nextChange(ClawState claw, Instant now, RuleSettings rules) {
    Instant evidence = evidenceAt(claw);
    RunState run = claw.currentRun();
    if (evidence == null || run == null || !run.isActive()) {
      return null;
    }
    Duration interval = heartbeatInterval(claw, rules);
    for (int beats :
        new int[] {rules.staleBeats(), rules.offlineBeats(), rules.redispatchBeats()}) {
      Instant at = evidence.plus(interval.multipliedBy(beats));
      if (at.isAfter(now)) {
        return at;
      }
    }
    if (run.isClaimedAndActive() && run.pinnedCause == null && claw.recovery() == null) {
      // Overdue: a fold that lags behind the beats must not lose the re-dispatch; tick now.
      return evidence.plus(interval.multipliedBy(rules.redispatchBeats()));
    }
    return null;
  }
}
