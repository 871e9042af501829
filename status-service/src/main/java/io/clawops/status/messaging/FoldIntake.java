package io.clawops.status.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;

/**
 * Between the connector's polls and the fold: the polled batches that arrive while a round is being
 * applied wait here, and the next round takes all of them at once (DESIGN §9). One claw's events of
 * several polls are then decided together and its document is written once, so under load a round
 * grows with what arrived while the last one ran instead of queueing poll after poll behind it.
 *
 * <p>One thread applies the rounds, in the order the batches came. {@link #offer} never waits: it
 * returns a stage that completes once there is room again, and the connector hands over the next
 * batch only then, so at most {@code maxPending} records (plus the one batch that crossed the
 * bound) wait here; beyond that the connector pauses its partitions as it does for a slow consumer.
 *
 * @param <B> a polled batch
 */
public final class FoldIntake<B> {

  private static final Logger LOG = Logger.getLogger(FoldIntake.class);

  private final int maxPending;
  private final ToIntFunction<B> size;
  private final Consumer<List<B>> round;
  private final Thread worker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  private List<B> pending = new ArrayList<>();
  private int pendingRecords;

  /** Completes when the batches waiting were taken; null while there is room. */
  private CompletableFuture<Void> room;

  private boolean stopped;

  /** What ended the worker for good (an {@link Error}); every later batch fails with it. */
  private Throwable failed;

  /**
   * @param threadName name of the thread that applies the rounds
   * @param maxPending records waiting at which the connector is held back
   * @param size records of a batch
   * @param round applies the batches of one round, in their order; it handles its own failures
   */
  public FoldIntake(
      String threadName, int maxPending, ToIntFunction<B> size, Consumer<List<B>> round) {
    this.maxPending = maxPending;
    this.size = size;
    this.round = round;
    this.worker = new Thread(this::run, threadName);
    // A round blocked on an absent database must not hold the JVM at exit: what it did not commit
    // is redelivered.
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /**
   * Queues a batch for the next round. The stage completes at once while fewer than {@code
   * maxPending} records wait, otherwise when the rounds have taken them.
   */
  public CompletionStage<Void> offer(B batch) {
    lock.lock();
    try {
      if (failed != null) {
        // The stream fails with it, so the channel's health check reports the fold down.
        return CompletableFuture.failedFuture(failed);
      }
      pending.add(batch);
      pendingRecords += size.applyAsInt(batch);
      arrived.signal();
      if (pendingRecords < maxPending) {
        return CompletableFuture.completedFuture(null);
      }
      if (room == null) {
        room = new CompletableFuture<>();
      }
      return room;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops after the round being applied, which is not interrupted (an interrupted round could fail
   * records that are fine); batches still waiting stay unacknowledged, to be redelivered.
   */
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      List<B> taken;
      CompletableFuture<Void> freed;
      lock.lock();
      try {
        while (pending.isEmpty() && !stopped) {
          arrived.awaitUninterruptibly();
        }
        if (stopped) {
          return;
        }
        taken = pending;
        pending = new ArrayList<>();
        pendingRecords = 0;
        freed = room;
        room = null;
      } finally {
        lock.unlock();
      }
      if (freed != null) {
        freed.complete(null);
      }
      try {
        round.accept(taken);
      } catch (RuntimeException e) {
        // The round settles its own batches; this is a defect, and the next round must still run.
        LOG.errorf(e, "a fold round of %d batches failed", taken.size());
      } catch (Error e) {
        fail(e);
        throw e;
      }
    }
  }

  /** No round runs again: the connector's waiting stage and every later one fail with it. */
  private void fail(Error e) {
    LOG.errorf(e, "the fold's rounds stopped for good");
    CompletableFuture<Void> waiting;
    lock.lock();
    try {
      failed = e;
      waiting = room;
      room = null;
    } finally {
      lock.unlock();
    }
    if (waiting != null) {
      waiting.completeExceptionally(e);
    }
  }
}
