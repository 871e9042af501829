package io.clawops.runner.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The runner's execution slots: a task is claimed only into a slot taken beforehand. Listeners hear
 * every take and release (the capacity beat reports them at once).
 */
public final class SlotPool {

  private final int capacity;
  private final Semaphore free;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public SlotPool(int capacity) {
    this.capacity = capacity;
    this.free = new Semaphore(capacity);
  }

  public boolean tryTake() {
    boolean taken = free.tryAcquire();
    if (taken) {
      changed();
    }
    return taken;
  }

  public void release() {
    free.release();
    changed();
  }

  public boolean hasFree() {
    return free.availablePermits() > 0;
  }

  /** Waits up to {@code timeout} for a free slot without taking it; true when one is free. */
  public boolean awaitFree(Duration timeout) throws InterruptedException {
    if (free.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      free.release();
      return true;
    }
    return false;
  }

  public int capacity() {
    return capacity;
  }

  public int busy() {
    return capacity - free.availablePermits();
  }

  /** Calls {@code listener} after every take and release, on the thread that did it. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
