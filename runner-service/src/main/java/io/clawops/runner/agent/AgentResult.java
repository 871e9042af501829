package io.clawops.runner.agent;

/**
 * What the agent's {@code result} line said: {@code status} ({@code completed} or {@code failed}),
 * a summary, and optionally its own reason code for a failure.
 */
public record AgentResult(String status, String summary, String code) {

  public static final String COMPLETED = "completed";

  public boolean completed() {
    return COMPLETED.equals(status);
  }
}
