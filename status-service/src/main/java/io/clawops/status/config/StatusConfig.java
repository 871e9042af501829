package io.clawops.status.config;

import io.clawops.status.claw.RuleSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of status-service ({@code clawops.*}, e.g. env {@code CLAWOPS_API_TOKEN}). */
@ConfigMapping(prefix = "clawops")
public interface StatusConfig {

  /** Bearer token every /api request must carry; without one, /api refuses every request. */
  Optional<String> apiToken();

  /** Timings of the recovery rules. */
  Rules rules();

  /** How often due timers are swept; whole seconds (the scheduler does not go below one). */
  @WithDefault("1s")
  Duration sweepInterval();

  /** How many timeline entries a claw keeps; older ones are pruned. */
  @WithDefault("500")
  int timelineLimit();

  /**
   * Claw documents the fold keeps in memory between batches (the claws of its partitions, as their
   * single writer); 0 reads every claw from PostgreSQL for every batch.
   */
  @WithDefault("20000")
  int foldCachedClaws();

  /** Timings of the rules of DESIGN §7. */
  interface Rules {

    /** Missed heartbeats after which a connection is stale. */
    @WithDefault("3")
    int staleBeats();

    /** Missed heartbeats after which a connection is offline. */
    @WithDefault("5")
    int offlineBeats();

    /** Missed heartbeats after which an offline run is re-dispatched. */
    @WithDefault("7")
    int redispatchBeats();

    /** How long a claimed run may take to start its agent. */
    @WithDefault("60s")
    Duration startTimeout();

    /** How long a cancel waits for the runner before it is final (F11). */
    @WithDefault("30s")
    Duration cancelGrace();

    /** How long past its hard deadline a silent run is taken as timed out. */
    @WithDefault("30s")
    Duration deadlineGrace();

    /** Heartbeat interval assumed before a task names one. */
    @WithDefault("10s")
    Duration defaultHeartbeat();

    /**
     * How long after taking over a partition (start-up, rebalance) its claws' timers wait, so the
     * fold can catch up on what arrived meanwhile.
     */
    @WithDefault("10s")
    Duration takeoverSettle();

    /** How many failures, causes and hub messages a claw keeps. */
    @WithDefault("20")
    int historyLimit();
  }

  /** The rule timings as the plain values the rules take. */
  default RuleSettings ruleSettings() {
    Rules rules = rules();
    return new RuleSettings(
        rules.staleBeats(),
        rules.offlineBeats(),
        rules.redispatchBeats(),
        rules.startTimeout(),
        rules.cancelGrace(),
        rules.deadlineGrace(),
        rules.defaultHeartbeat(),
        rules.historyLimit());
  }
}
