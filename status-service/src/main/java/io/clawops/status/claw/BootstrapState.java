package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bootstrap dimension: the checklist's latest step results and its verdict. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BootstrapState {

  /** When the latest checklist was requested, and its provision deadline. */
  public Instant requestedAt;

  public Instant deadlineAt;

  /** Null while the checklist runs; then whether every required step passed. */
  public Boolean ok;

  public String reason;
  public String message;
  public Instant completedAt;

  /** Latest result per step name, in checklist order. */
  public Map<String, StepResult> steps = new LinkedHashMap<>();

  /** Starts a new checklist: the previous verdict no longer holds, its steps stay as history. */
  void restart(Instant at, Instant deadline) {
    requestedAt = at;
    deadlineAt = deadline;
    ok = null;
    reason = null;
    message = null;
    completedAt = null;
  }
}
