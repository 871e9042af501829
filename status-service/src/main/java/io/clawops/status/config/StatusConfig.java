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
  @WithDefault("5000")
  int foldCachedClaws();

  /**
   * Polled records that may wait for the fold's next round (the ones that arrived while a round was
   * applied); once that many wait (the poll that reached it is taken whole) the consumer pauses its
   * partitions until a round took them.
   */
  @WithDefault("40000")
  int foldMaxPending();

  /** How long what status-service stores is kept (DESIGN §9.2). */
  Retention retention();

  /** Retention of the ledger, finished claws, tombstones and the outbox (DESIGN §9.2). */
  interface Retention {

    /** Whether the retention sweeper runs at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the sweeper runs; one instance at a time sweeps. */
    @WithDefault("5m")
    Duration sweepInterval();

    /**
     * How long an applied event stays in the idempotency ledger; must exceed how long an input
     * record can be redelivered, i.e. the input topics' retention (Kafka's default: 7 days).
     */
    @WithDefault("7d")
    Duration processedEvents();

    /**
     * How long a finished claw (completed, timed out, cancelled, removed, or failed and left) is
     * kept after its last change, with its timeline; must exceed the input topics' retention.
     */
    @WithDefault("30d")
    Duration finishedClaws();

    /** How long the tombstone of a purged claw keeps a late event from bringing it back. */
    @WithDefault("30d")
    Duration tombstones();

    /**
     * Age after which an outbox record still unpublished is dropped with a warning: the last bound
     * on a relay that cannot publish (the relay deletes every record it published).
     */
    @WithDefault("7d")
    Duration outbox();

    /** Rows one DELETE statement removes at most. */
    @WithDefault("10000")
    int batchSize();

    /** Statements per table one sweep runs at most, so a sweep always ends. */
    @WithDefault("100")
    int maxBatches();
  }

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
