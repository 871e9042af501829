package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;

/**
 * Why an operator retry is refused in each status (DESIGN §10), in words the 409 body carries; null
 * when a retry may go ahead. {@code timed_out} is allowed although its cause is not retryable: the
 * operator decides, usually with a larger {@code runSeconds}.
 */
final class RetryRefusals {

  private RetryRefusals() {}

  static String of(ClawState claw, StatusView view) {
    RunState run = claw.currentRun();
    return switch (view.status()) {
      case RECOVERING ->
          "a recovery is in flight: " + view.message() + "; wait until its attempt has settled";
      case PROVISIONING -> "the claw is provisioning; nothing to retry before its checklist ends";
      case READY ->
          run == null
              ? "the claw is ready; nothing to retry before its first task"
              : "the claw is ready: attempt "
                  + run.attempt
                  + " waits for a runner; nothing to retry";
      case RUNNING -> "the claw is running; nothing to retry";
      case OFFLINE ->
          "the claw is offline: ClawOps re-dispatches a lost run on its own while attempts remain;"
              + " nothing to retry";
      case COMPLETED -> "the claw completed; nothing to retry";
      case REMOVED -> "the claw was removed; a removed claw is never retried";
      case CANCELLED -> "the claw was cancelled on request; create a new claw to rerun";
      case TIMED_OUT, BOOTSTRAP_FAILED, WORKSPACE_INCOMPLETE -> null;
      default ->
          view.retryable() || claw.task == null
              ? null
              : "reason " + view.reason() + " is not retryable: " + remediation(view.reason());
    };
  }

  private static String remediation(String code) {
    return ReasonCode.fromCode(code).map(ReasonCode::remediation).orElse("create a new claw");
  }
}
