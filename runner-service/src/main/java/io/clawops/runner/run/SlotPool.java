package io.clawops.runner.run;

import java.util.concurrent.Semaphore;

/** The runner's execution slots: a task is claimed only into a slot taken beforehand. */
public final class SlotPool {

  private final int capacity;
  private final Semaphore free;

  public SlotPool(int capacity) {
    this.capacity = capacity;
    this.free = new Semaphore(capacity);
  }

  public boolean tryTake() {
    return free.tryAcquire();
  }

  public void release() {
    free.release();
  }

  public boolean hasFree() {
    return free.availablePermits() > 0;
  }

  public int capacity() {
    return capacity;
  }

  public int busy() {
    return capacity - free.availablePermits();
  }
}
