package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code run.finished}: the run ended. {@code code} and {@code message} are null for a completed
 * run; {@code deadlineAt} may be null when the run never started. {@code finishedAt} and {@code
 * deadlineAt} together let the fold keep a hard timeout sticky (F4).
 */
public record RunFinished(
    UUID runId,
    int attempt,
    long seq,
    RunOutcome outcome,
    String code,
    String message,
    Instant finishedAt,
    Instant deadlineAt)
    implements RunEvent {

  public static final String TYPE = "run.finished";

  public RunFinished {
    RunEvents.check(runId, attempt, seq);
    Require.present(outcome, "outcome");
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
    Require.present(finishedAt, "finishedAt");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
