package io.clawops.contracts.message;

import java.util.List;
import java.util.UUID;

/**
 * {@code task.dispatched}: one attempt of a claw's task, for any runner with a free slot.
 *
 * <p>{@code runtime} names a profile configured on the runners, never a command. {@code
 * fallbackProfiles} is never null (absent means empty). The prompt is the agent's input: its
 * secrets are redacted where it enters ClawOps (the provisioner), but it is deliberately not
 * flattened or capped; it must never be copied into failure messages.
 */
public record TaskDispatched(
    UUID taskId,
    int attempt,
    String runtime,
    String prompt,
    String workspacePath,
    ModelProfile modelProfile,
    List<ModelProfile> fallbackProfiles,
    Capabilities capabilities,
    Timeouts timeouts,
    int maxAttempts)
    implements MessageData {

  public static final String TYPE = "task.dispatched";

  public TaskDispatched {
    Require.present(taskId, "taskId");
    Require.positive(attempt, "attempt");
    Require.nonBlank(runtime, "runtime");
    Require.present(prompt, "prompt");
    Require.nonBlank(workspacePath, "workspacePath");
    Require.present(modelProfile, "modelProfile");
    fallbackProfiles = fallbackProfiles == null ? List.of() : List.copyOf(fallbackProfiles);
    Require.present(capabilities, "capabilities");
    Require.present(timeouts, "timeouts");
    Require.positive(maxAttempts, "maxAttempts");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
