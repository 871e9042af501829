package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.message.BootstrapStep;

/** A step of one checklist run with its result and how long it took. */
public record CompletedStep(String step, StepResult result, long durationMs) {

  /** The {@code bootstrap.step} message of this step in bootstrap attempt {@code attempt}. */
  public BootstrapStep toMessage(int attempt) {
    return new BootstrapStep(
        step,
        result.outcome(),
        result.reason() == null ? null : result.reason().code(),
        result.message(),
        attempt,
        durationMs,
        result.evidence());
  }
}
