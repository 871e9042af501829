package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.BootstrapCompleted;

/** The verdict of the readiness gate: ready, or why not. */
public record Readiness(boolean ready, ReasonCode reason, String message) {

  /** The {@code bootstrap.completed} message of this verdict. */
  public BootstrapCompleted toMessage() {
    return new BootstrapCompleted(ready, reason == null ? null : reason.code(), message);
  }
}
