package io.clawops.contracts.codec;

import java.time.Instant;
import java.util.Random;

/** Instants for the timestamp tests, of every precision java.time writes: whole, ms, µs, ns. */
final class RandomInstants {

  private RandomInstants() {}

  /** The {@code i}th instant in {@code [fromSecond, toSecond)}, its precision cycling with i. */
  static Instant next(Random random, int i, long fromSecond, long toSecond) {
    long seconds = random.nextLong(fromSecond, toSecond);
    int nanos =
        switch (i % 4) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1_000;
          default -> random.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
