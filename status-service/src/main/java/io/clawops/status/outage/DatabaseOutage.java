package io.clawops.status.outage;

import io.clawops.contracts.sanitize.Sanitizer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Which parts of status-service (the fold, the timers, the outbox relay) are waiting for the
 * database now, and since when; each outage is logged once when a part first meets it and once when
 * that part works again, not once per attempt.
 */
@ApplicationScoped
public class DatabaseOutage {

  /** The fold consumer (claw events and runner beats). */
  public static final String FOLD = "fold";

  /** The timer sweep. */
  public static final String TIMERS = "timers";

  /** The outbox relay. */
  public static final String RELAY = "outbox-relay";

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

  private final Map<String, Instant> down = new ConcurrentHashMap<>();
  private final Map<String, Instant> recovered = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Whether the service is shutting down: its pool closes, so work fails for reasons that say
   * nothing of the work, and none of it may be taken for a poison record.
   */
  public boolean isStopping() {
    return stopping;
  }

  /** Records that {@code part} met a transient database failure; logs only the first of them. */
  public void failed(String part, Throwable failure) {
    if (down.putIfAbsent(part, Instant.now()) == null) {
      LOG.warnf(
          "database unavailable for the %s; it waits and tries again until the database is back: %s",
          part, Sanitizer.sanitize(String.valueOf(failure), Sanitizer.MESSAGE_MAX));
    }
  }

  /** Records that {@code part} just worked with the database; ends its outage if it had one. */
  public void recovered(String part) {
    Instant since = down.remove(part);
    if (since != null) {
      Instant now = Instant.now();
      recovered.put(part, now);
      LOG.infof(
          "database available again for the %s after %d ms",
          part, Duration.between(since, now).toMillis());
    }
  }

  /** Every part waiting for the database now, with the time it first failed, by name. */
  public Map<String, Instant> down() {
    return new TreeMap<>(down);
  }

  /** Whether {@code part} is waiting for the database now. */
  public boolean isDown(String part) {
    return down.containsKey(part);
  }

  /** When {@code part} last came back from an outage, if it ever had one. */
  public Optional<Instant> recoveredAt(String part) {
    return Optional.ofNullable(recovered.get(part));
  }
}
