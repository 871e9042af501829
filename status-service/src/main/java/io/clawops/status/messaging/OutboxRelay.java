package io.clawops.status.messaging;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.outage.DatabaseFailures;
import io.clawops.status.outage.DatabaseOutage;
import io.clawops.status.persistence.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox in order and deletes what the broker acknowledged. Kicked after every commit
 * that wrote to the outbox, and on a timer for what a crash left behind.
 */
@ApplicationScoped
public class OutboxRelay {

  /** Outgoing channel; each record names its own topic. */
  public static final String CHANNEL = "outbox";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 200;

  @Inject AgroalDataSource dataSource;
  @Inject DatabaseOutage outage;

  @Inject
  @Channel(CHANNEL)
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
  MutinyEmitter<String> emitter;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
  private final AtomicBoolean queued = new AtomicBoolean();

  /** Asks for a drain soon; kicks while one is queued coalesce into it. */
  public void kick() {
    if (worker.isShutdown()) {
      return;
    }
    if (queued.compareAndSet(false, true)) {
      worker.execute(this::drain);
    }
  }

  // Not before start-up completed: the outgoing channel is wired only then.
  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void periodic() {
    kick();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void drain() {
    queued.set(false);
    // No JTA transaction here: publishing must not run inside one (the emitter's threads would
    // join it), and none is needed. The session lock keeps one relay at a time; a record is
    // deleted only after the broker acknowledged it, so a crash re-sends, never loses.
    try (Connection connection = dataSource.getConnection()) {
      boolean locked = Outbox.tryLockRelay(connection);
      outage.recovered(DatabaseOutage.RELAY);
      if (!locked) {
        return;
      }
      try {
        int published;
        do {
          published = publishOldest(connection);
        } while (published == BATCH);
      } finally {
        Outbox.unlockRelay(connection);
      }
    } catch (SQLException | RuntimeException e) {
      // Left in the outbox: the next kick or tick publishes it.
      if (DatabaseFailures.isTransient(e)) {
        // Once per outage, not once a second.
        outage.failed(DatabaseOutage.RELAY, e);
      } else {
        LOG.warnf(
            "outbox relay will retry: %s", Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX));
      }
    }
  }

  private int publishOldest(Connection connection) throws SQLException {
    List<Outbox.Pending> pending = Outbox.oldest(connection, BATCH);
    if (pending.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
    for (Outbox.Pending record : pending) {
      acks.add(send(record));
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
    Outbox.delete(connection, pending);
    return pending.size();
  }

  private CompletableFuture<Void> send(Outbox.Pending record) {
    return emitter
        .sendMessage(
            Message.of(record.payload())
                .addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(record.topic())
                        .withKey(record.key())
                        .build()))
        .subscribeAsCompletionStage();
  }
}
