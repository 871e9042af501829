package io.clawops.contracts;

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

  private DeadLetterHeaders() {}
}
