package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.UUID;

/**
 * {@code run.tool_use}: the agent called a tool. The loop detector compares {@code inputDigest}
 * (see {@code Digests.canonicalSha256}); {@code inputSummary} is for humans and is sanitized and
 * capped to {@link Sanitizer#SUMMARY_MAX} on construction.
 */
public record RunToolUse(
    UUID runId,
    int attempt,
    long seq,
    String callId,
    String tool,
    String inputDigest,
    String inputSummary)
    implements RunEvent {

  public static final String TYPE = "run.tool_use";

  public RunToolUse {
    RunEvents.check(runId, attempt, seq);
    Require.nonBlank(callId, "callId");
    Require.nonBlank(tool, "tool");
    Require.nonBlank(inputDigest, "inputDigest");
    inputSummary = Sanitizer.sanitize(inputSummary, Sanitizer.SUMMARY_MAX);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
