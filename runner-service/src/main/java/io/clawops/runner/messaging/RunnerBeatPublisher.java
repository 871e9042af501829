package io.clawops.runner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.RunnerBeat;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes the runner's capacity ({@code runner.beat}) on {@code claw.heartbeats}: every interval,
 * and shortly after every change, so the fleet view never lags a slot taken or freed by more than a
 * moment. Changes that come in a burst are coalesced into one beat.
 */
public final class RunnerBeatPublisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RunnerBeatPublisher.class);

  /** A slot is taken before its run is registered: wait a moment so the beat names the run. */
  private static final long COALESCE_MS = 50;

  private final Producer<String, String> producer;
  private final String source;
  private final String key;
  private final Duration interval;
  private final LongFunction<RunnerBeat> snapshot;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong beats = new AtomicLong();
  private final AtomicBoolean pending = new AtomicBoolean();

  /**
   * @param snapshot the runner's state now, given the number of this beat
   */
  public RunnerBeatPublisher(
      Map<String, Object> kafka,
      String runnerId,
      Duration interval,
      LongFunction<RunnerBeat> snapshot) {
    this.producer =
        new KafkaProducer<>(
            KafkaClients.producer(
                kafka,
                runnerId + "-runner-beats",
                Map.of(
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000)));
    this.source = "runner/" + runnerId;
    this.key = RunnerBeat.fleetKey(runnerId).toString();
    this.interval = interval;
    this.snapshot = snapshot;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, runnerId + "-runner-beats");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Beats now and every interval until closed. */
  public void start() {
    scheduler.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Something changed: beat soon, once for a burst of changes. */
  public void changed() {
    if (pending.compareAndSet(false, true)) {
      try {
        scheduler.schedule(
            () -> {
              pending.set(false);
              beat();
            },
            COALESCE_MS,
            TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        pending.set(false);
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }

  private void beat() {
    try {
      RunnerBeat beat = snapshot.apply(beats.incrementAndGet());
      Envelope envelope = Envelope.of(RunnerBeat.fleetKey(beat.runnerId()), source, beat);
      producer.send(
          new ProducerRecord<>(Topics.HEARTBEATS, key, EnvelopeCodec.encode(envelope)),
          (metadata, failure) -> {
            if (failure != null) {
              LOG.warnf("runner beat %d not published: %s", beat.beat(), failure.toString());
            }
          });
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: log and keep beating.
      LOG.warnf("runner beat not sent: %s", e.toString());
    }
  }
}
