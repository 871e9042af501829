package io.clawops.status.outage;

import java.time.Duration;

/**
 * Runs a piece of database work until it succeeds or fails for a reason of its own: a transient
 * failure ({@link DatabaseFailures}) marks the part down, waits (doubling) and runs the same work
 * again; any other failure is thrown to the caller at once.
 */
public final class DatabaseRetry {

  /** Waits; a seam only so a test can see the waits without sleeping through them. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String part;
  private final DatabaseOutage outage;
  private final Backoff backoff;
  private final Sleeper sleeper;

  public DatabaseRetry(String part, DatabaseOutage outage, Backoff backoff, Sleeper sleeper) {
    this.part = part;
    this.outage = outage;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /** A retry that really sleeps. */
  public static DatabaseRetry sleeping(String part, DatabaseOutage outage, Backoff backoff) {
    return new DatabaseRetry(part, outage, backoff, duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * Runs {@code work} until it returns. It never gives up on a transient failure, not even when
   * interrupted: for the fold, returning would commit offsets past work never done and throwing
   * would dead-letter records that are fine; a service shutting down meanwhile simply ends with the
   * work uncommitted, to be redelivered.
   */
  public void run(Runnable work) {
    Duration wait = backoff.initial();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          work.run();
          outage.recovered(part);
          return;
        } catch (RuntimeException failure) {
          if (!DatabaseFailures.isTransient(failure) && !outage.isStopping()) {
            throw failure;
          }
          outage.failed(part, failure);
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          interrupted = true;
        }
        wait = backoff.next(wait);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
