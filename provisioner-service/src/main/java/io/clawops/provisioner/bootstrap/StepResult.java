package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.StepOutcome;
import java.util.Map;

/**
 * What one checklist step found: its outcome, the reason and message when it is not ok (a message
 * may also explain an ok step, e.g. an optional repository that is missing), and small evidence.
 */
public record StepResult(
    StepOutcome outcome, ReasonCode reason, String message, Map<String, Object> evidence) {

  public StepResult {
    evidence = evidence == null ? Map.of() : evidence;
  }

  public static StepResult ok(String message, Map<String, Object> evidence) {
    return new StepResult(StepOutcome.OK, null, message, evidence);
  }

  public static StepResult failed(ReasonCode reason, String message, Map<String, Object> evidence) {
    return new StepResult(StepOutcome.FAILED, reason, message, evidence);
  }

  public static StepResult skipped(ReasonCode reason, String message) {
    return new StepResult(StepOutcome.SKIPPED, reason, message, Map.of());
  }

  public boolean isOk() {
    return outcome == StepOutcome.OK;
  }

  public boolean isFailed() {
    return outcome == StepOutcome.FAILED;
  }
}
