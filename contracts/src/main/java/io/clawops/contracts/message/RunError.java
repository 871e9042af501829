package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code run.error}: the agent or runner reported an error. A missing {@code code} becomes {@link
 * #UNKNOWN_CODE}, as the contract says the runner sends it when it cannot tell; the message is
 * sanitized and capped on construction.
 */
public record RunError(UUID runId, int attempt, long seq, String code, String message)
    implements RunEvent {

  public static final String TYPE = "run.error";

  /** Same string as {@code ReasonCode.UNKNOWN}; repeated so messages do not depend on it. */
  public static final String UNKNOWN_CODE = "agent.unknown";

  public RunError {
    RunEvents.check(runId, attempt, seq);
    code = code == null || code.isBlank() ? UNKNOWN_CODE : code;
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
