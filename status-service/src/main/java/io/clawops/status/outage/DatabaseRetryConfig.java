package io.clawops.status.outage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How status-service waits for a database that is away ({@code clawops.database-retry.*}). */
@ConfigMapping(prefix = "clawops.database-retry")
public interface DatabaseRetryConfig {

  /** First wait before the fold tries a batch again after a transient database failure. */
  @WithDefault("100ms")
  Duration initialBackoff();

  /** Longest wait between two attempts; the wait doubles up to it. */
  @WithDefault("5s")
  Duration maxBackoff();

  /** The back-off these settings describe. */
  default Backoff backoff() {
    return new Backoff(initialBackoff(), maxBackoff());
  }
}
