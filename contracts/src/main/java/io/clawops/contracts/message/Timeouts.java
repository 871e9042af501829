package io.clawops.contracts.message;

/** Time budgets of one run, in seconds. */
public record Timeouts(int runSeconds, int idleSeconds, int toolIdleSeconds, int heartbeatSeconds) {

  public Timeouts {
    Require.positive(runSeconds, "runSeconds");
    Require.positive(idleSeconds, "idleSeconds");
    Require.positive(toolIdleSeconds, "toolIdleSeconds");
    Require.positive(heartbeatSeconds, "heartbeatSeconds");
  }
}
