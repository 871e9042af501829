package io.clawops.runner.agent;

import io.clawops.contracts.sanitize.Sanitizer;

/**
 * The last characters an agent wrote to stderr, kept for the failure message. Each line is
 * sanitized as it comes, before the tail is cut to its size: a cut through a raw line could keep
 * the end of a key without the prefix that makes it recognisable, and no later sanitizing could
 * find it again.
 */
public final class StderrTail {

  private final int maxChars;
  private final StringBuilder tail = new StringBuilder();

  public StderrTail(int maxChars) {
    this.maxChars = maxChars;
  }

  public synchronized void append(String line) {
    if (!tail.isEmpty()) {
      tail.append('\n');
    }
    tail.append(Sanitizer.sanitize(line, Integer.MAX_VALUE));
    if (tail.length() > maxChars) {
      tail.delete(0, tail.length() - maxChars);
    }
  }

  public synchronized String text() {
    return tail.toString();
  }
}
