package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.message.TaskDispatched;
import io.clawops.provisioner.request.ClawRequest;
import java.nio.file.Path;
import java.util.UUID;

/** Builds the first attempt's task of a ready claw; later attempts are the status service's. */
public final class FirstTask {

  private FirstTask() {}

  /** Attempt 1 of the claw's task, running in {@code workspace}. */
  public static TaskDispatched of(ClawRequest request, Path workspace) {
    return new TaskDispatched(
        UUID.randomUUID(),
        1,
        request.runtime(),
        request.prompt(),
        workspace.toAbsolutePath().toString(),
        request.primaryProfile(),
        request.fallbackProfiles(),
        request.capabilities(),
        request.timeouts().runTimeouts(),
        request.maxAttempts());
  }
}
