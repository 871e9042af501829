package io.clawops.runner.agent;

/**
 * The last characters an agent wrote to stderr, raw; kept for the failure message and sanitized
 * when it is used.
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
    tail.append(line);
    if (tail.length() > maxChars) {
      tail.delete(0, tail.length() - maxChars);
    }
  }

  public synchronized String text() {
    return tail.toString();
  }
}
