package io.clawops.runner.run;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunOutcome;

/** The outcome, reason code and message a {@code run.finished} carries. */
public record FinalOutcome(RunOutcome outcome, String code, String message) {

  public static FinalOutcome completed() {
    return new FinalOutcome(RunOutcome.COMPLETED, null, null);
  }

  public static FinalOutcome of(RunOutcome outcome, ReasonCode code, String message) {
    return new FinalOutcome(outcome, code.code(), message);
  }
}
