package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.RunOutcome;

/** The displayed status of a claw: one pure function of its dimensions (DESIGN §6.2). */
public final class StatusClassifier {

  /** The message M2 prescribes when a model timed out and no fallback is left. */
  public static final String NO_FALLBACK_MESSAGE = "model timeout: no fallback configured";

  private StatusClassifier() {}

  /** First match wins, in the order of the table in DESIGN §6.2. */
  public static StatusView classify(ClawState claw, ConnectionState connection) {
    RunState run = claw.currentRun();
    String pinned = run == null ? null : run.pinnedCause;
    if (claw.lifecycle == Lifecycle.REMOVED) {
      return new StatusView(ClawStatus.REMOVED, null, "removed", false);
    }
    if (run != null && run.outcome == RunOutcome.COMPLETED) {
      return new StatusView(ClawStatus.COMPLETED, null, "completed", false);
    }
    if (is(pinned, ReasonCode.HARD_TIMEOUT)) {
      return failure(ClawStatus.TIMED_OUT, pinned, run.pinnedMessage());
    }
    if (is(pinned, ReasonCode.CANCELLED) || is(claw.clawCause, ReasonCode.CANCELLED)) {
      String message = run != null && is(pinned, ReasonCode.CANCELLED) ? run.pinnedMessage() : null;
      return failure(
          ClawStatus.CANCELLED,
          ReasonCode.CANCELLED.code(),
          message != null ? message : claw.clawCauseMessage);
    }
    if (Boolean.FALSE.equals(claw.bootstrap.ok)) {
      ClawStatus status =
          is(claw.bootstrap.reason, ReasonCode.REPO_MISSING)
              ? ClawStatus.WORKSPACE_INCOMPLETE
              : ClawStatus.BOOTSTRAP_FAILED;
      return failure(status, claw.bootstrap.reason, claw.bootstrap.message);
    }
    Recovery recovery = claw.recovery();
    if (recovery != null) {
      return new StatusView(ClawStatus.RECOVERING, recovery.kind(), recovery.detail(), false);
    }
    if (is(pinned, ReasonCode.MODEL_TIMEOUT)) {
      return new StatusView(
          ClawStatus.MODEL_TIMEOUT, ReasonCode.MODEL_TIMEOUT.code(), NO_FALLBACK_MESSAGE, true);
    }
    if (is(pinned, ReasonCode.CAPABILITY_MISSING) || is(pinned, ReasonCode.TOOL_LOOP)) {
      return failure(ClawStatus.TOOL_BLOCKED, pinned, run.pinnedMessage());
    }
    if (is(pinned, ReasonCode.IDLE_WATCHDOG)) {
      return failure(ClawStatus.STALLED, pinned, run.pinnedMessage());
    }
    if (pinned != null) {
      return failure(ClawStatus.FAILED, pinned, run.pinnedMessage());
    }
    if (claw.clawCause != null) {
      return failure(ClawStatus.FAILED, claw.clawCause, claw.clawCauseMessage);
    }
    if (run != null && run.isClaimedAndActive() && connection == ConnectionState.OFFLINE) {
      return new StatusView(
          ClawStatus.OFFLINE, null, "no heartbeat from runner " + run.runnerId, false);
    }
    return switch (claw.lifecycle) {
      case RUNNING -> new StatusView(ClawStatus.RUNNING, null, "running", false);
      case READY -> new StatusView(ClawStatus.READY, null, "ready", false);
      default -> new StatusView(ClawStatus.PROVISIONING, null, "provisioning", false);
    };
  }

  private static StatusView failure(ClawStatus status, String code, String message) {
    boolean retryable = CauseLedger.retryable(code);
    return new StatusView(status, code, message != null ? message : remediation(code), retryable);
  }

  private static String remediation(String code) {
    return ReasonCode.fromCode(code).map(ReasonCode::remediation).orElse(code);
  }

  private static boolean is(String code, ReasonCode reason) {
    return reason.code().equals(code);
  }
}
