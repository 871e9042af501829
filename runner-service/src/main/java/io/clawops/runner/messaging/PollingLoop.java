package io.clawops.runner.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer polled round after round on a thread of its own (a consumer is single-threaded)
 * until it is closed; an unexpected error ends the round, never the loop.
 */
abstract class PollingLoop implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PollingLoop.class);

  protected final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  PollingLoop(KafkaConsumer<String, String> consumer, String threadName) {
    this.consumer = consumer;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public boolean isAlive() {
    return thread.isAlive();
  }

  /** Ends the loop after the current round and closes the consumer. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the loop from inside it, after the current round. */
  protected final void stopLooping() {
    running = false;
  }

  /** Subscribes the consumer, before the first round. */
  protected abstract void subscribe();

  /** One round: poll and handle what came. */
  protected abstract void round();

  /** After a round that failed unexpectedly; the loop goes on. */
  protected void afterError() {}

  /** Last words before the consumer closes. */
  protected void beforeClose() {}

  private void loop() {
    try {
      subscribe();
      while (running) {
        try {
          round();
        } catch (WakeupException e) {
          // close() woke the loop up; the while condition ends it.
        } catch (RuntimeException e) {
          LOG.errorf(e, "%s: round failed, continuing", thread.getName());
          afterError();
        }
      }
    } finally {
      beforeClose();
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
