package io.clawops.contracts;

import io.clawops.contracts.sanitize.Sanitizer;

/**
 * Header names of a record sent to {@link Topics#DLQ}; the same names SmallRye Reactive Messaging's
 * dead-letter-queue strategy writes, so both kinds of dead letters read alike.
 */
public final class DeadLetterHeaders {

  /** Why the record was rejected, e.g. a {@code MessageFormatException} message. */
  public static final String REASON = "dead-letter-reason";

  /** The message of the underlying cause, when there is one. */
  public static final String CAUSE = "dead-letter-cause";

  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";

  /**
   * Set when the dead letter holds only the first {@link #VALUE_MAX} characters of the rejected
   * value: the original's length in characters. A value larger than the broker's message limit
   * could otherwise never be dead-lettered, and the consumer would retry it forever.
   */
  public static final String VALUE_TRUNCATED = "dead-letter-value-truncated";

  /** The most of a rejected value a dead letter keeps (characters). */
  public static final int VALUE_MAX = 128 * 1024;

  private DeadLetterHeaders() {}

  /**
   * The value a dead letter carries: {@code value} with its secrets redacted (claw.dlq is a topic
   * like any other, F10; layout kept, so the record stays readable and mostly replayable), then cut
   * to its first {@link #VALUE_MAX} characters. Redacted before it is cut, so a cut never keeps the
   * unrecognisable half of a secret.
   */
  public static String boundedValue(String value) {
    String redacted = Sanitizer.redactSecrets(value);
    return redacted == null || redacted.length() <= VALUE_MAX
        ? redacted
        : redacted.substring(0, VALUE_MAX);
  }

  /** Whether {@link #boundedValue} cut {@code value} (not merely redacted it). */
  public static boolean isCut(String value, String bounded) {
    return value != null
        && bounded != null
        && value.length() > VALUE_MAX
        && bounded.length() == VALUE_MAX;
  }
}
