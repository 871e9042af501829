package io.clawops.status.claw;

import java.time.Duration;

/**
 * The timings the rules use, as plain values so the rules stay free of configuration machinery.
 *
 * @param staleBeats missed heartbeats after which the connection is stale
 * @param offlineBeats missed heartbeats after which the connection is offline
 * @param redispatchBeats missed heartbeats after which an offline run is re-dispatched
 * @param startTimeout how long a claimed run may take to start
 * @param cancelGrace how long a cancel waits for the runner before it is final (F11)
 * @param deadlineGrace how long past its hard deadline a silent run is taken as timed out
 * @param defaultHeartbeat the heartbeat interval when no task says otherwise
 * @param historyLimit how many failures and hub messages a claw keeps
 */
public record RuleSettings(
    int staleBeats,
    int offlineBeats,
    int redispatchBeats,
    Duration startTimeout,
    Duration cancelGrace,
    Duration deadlineGrace,
    Duration defaultHeartbeat,
    int historyLimit) {

  /** The defaults of DESIGN §7: stale after 3 missed beats, offline after 5. */
  public static RuleSettings defaults() {
    return new RuleSettings(
        3,
        5,
        7,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        20);
  }
}
