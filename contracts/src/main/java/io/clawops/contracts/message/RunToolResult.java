package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code run.tool_result}: the outcome of a tool call. {@code errorSummary} (set when not ok) is
 * sanitized and capped to {@link Sanitizer#MESSAGE_MAX} on construction; {@code outputDigest} may
 * be null when the tool produced no output.
 */
public record RunToolResult(
    UUID runId,
    int attempt,
    long seq,
    String callId,
    String tool,
    boolean ok,
    String errorSummary,
    String outputDigest)
    implements RunEvent {

  public static final String TYPE = "run.tool_result";

  public RunToolResult {
    RunEvents.check(runId, attempt, seq);
    Require.nonBlank(callId, "callId");
    Require.nonBlank(tool, "tool");
    errorSummary = Sanitizer.sanitize(errorSummary, Sanitizer.MESSAGE_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
