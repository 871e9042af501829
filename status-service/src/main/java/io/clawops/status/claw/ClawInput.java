package io.clawops.status.claw;

import io.clawops.contracts.message.Envelope;
import java.time.Duration;
import java.time.Instant;

/**
 * What a claw's reducer decides on: a record of its streams, a timer tick or an operator action.
 */
public sealed interface ClawInput {

  /** The name the input's published records and new ids are derived from. */
  String causeKey(ClawState claw);

  /** A record folded from one of the claw's streams, arrived on input {@code partition}. */
  record Event(Envelope envelope, int partition) implements ClawInput {
    @Override
    public String causeKey(ClawState claw) {
      return envelope.eventId().toString();
    }
  }

  /**
   * The timers of DESIGN §7 at the decision's clock; {@code watchingSince} is when this instance
   * began folding the claw's partition (silence counts from then at the earliest); a timer held
   * back by it is looked at again {@code heldBack} later.
   */
  record Tick(Instant watchingSince, Duration heldBack) implements ClawInput {
    @Override
    public String causeKey(ClawState claw) {
      return "tick#" + claw.decisions;
    }
  }

  /** The operator's retry (F9), with a model profile and a run budget when given. */
  record Retry(String profile, Integer runSeconds) implements ClawInput {
    @Override
    public String causeKey(ClawState claw) {
      return "retry#" + claw.decisions;
    }
  }

  /** The operator's cancel (F11). */
  record Cancel() implements ClawInput {
    @Override
    public String causeKey(ClawState claw) {
      return "cancel#" + claw.decisions;
    }
  }

  /** The operator's removal (F6). */
  record Remove() implements ClawInput {
    @Override
    public String causeKey(ClawState claw) {
      return "remove#" + claw.decisions;
    }
  }
}
