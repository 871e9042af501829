package io.clawops.status.claw;

/**
 * What the loop detector concluded from one tool result.
 *
 * @param kind what to do
 * @param subject the capability (L1) or the tool (L2) concerned, null for {@link Kind#NONE}
 */
public record LoopSignal(Kind kind, String subject) {

  /** The detector's verdicts. */
  public enum Kind {
    NONE,
    /** L1: a capability error repeated; tell the agent what to do instead. */
    MISSING_CAPABILITY,
    /** L1: the capability error persisted after the message. */
    CAPABILITY_BLOCKED,
    /** L2: the same call with the same result repeated. */
    REPETITION,
    /** L2: the repetition persisted after two messages. */
    REPETITION_BLOCKED,
    /** A successful call after a corrective message: the loop is resolved. */
    PROGRESS
  }

  static final LoopSignal NONE = new LoopSignal(Kind.NONE, null);
}
