package io.clawops.provisioner.git;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the attempts of one retried clone, for the step's evidence. */
public final class CloneAttempts {

  private final AtomicInteger count = new AtomicInteger();

  void increment() {
    count.incrementAndGet();
  }

  /** Attempts made so far. */
  public int count() {
    return count.get();
  }
}
