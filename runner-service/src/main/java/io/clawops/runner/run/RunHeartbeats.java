package io.clawops.runner.run;

import io.clawops.contracts.message.RunHeartbeat;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One run's heartbeats, on the runner's heartbeat thread: each beat reads the last seq without a
 * lock and hands the record to the producer without waiting, so nothing can delay the next one.
 */
final class RunHeartbeats {

  private static final Logger LOG = Logger.getLogger(RunHeartbeats.class);

  private final UUID clawId;
  private final UUID runId;
  private final int attempt;
  private final RunServices services;
  private final RunEventStream events;
  private final AtomicLong beats = new AtomicLong();

  RunHeartbeats(UUID clawId, UUID runId, int attempt, RunServices services, RunEventStream events) {
    this.clawId = clawId;
    this.runId = runId;
    this.attempt = attempt;
    this.services = services;
    this.events = events;
  }

  /** Beats now and every {@code seconds} until the returned future is cancelled. */
  ScheduledFuture<?> start(int seconds) {
    return services
        .heartbeatScheduler()
        .scheduleAtFixedRate(this::beat, 0, seconds, TimeUnit.SECONDS);
  }

  private void beat() {
    try {
      services
          .heartbeats()
          .beat(
              clawId,
              new RunHeartbeat(
                  runId, attempt, services.runnerId(), events.lastSeq(), beats.incrementAndGet()));
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: log and keep beating.
      LOG.warnf("heartbeat of run %s not sent: %s", runId, e.getClass().getSimpleName());
    }
  }
}
