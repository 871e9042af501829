package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import java.util.List;
import java.util.Optional;

/**
 * The readiness gate (F8): a claw is ready only when every checklist step is ok. A pure function,
 * so the rule that decides whether an agent may start can be read and tested on its own.
 */
public final class ReadinessGate {

  private ReadinessGate() {}

  /** The verdict over the steps of one checklist run. */
  public static Readiness decide(List<CompletedStep> steps) {
    if (!steps.isEmpty() && steps.stream().allMatch(step -> step.result().isOk())) {
      return new Readiness(true, null, "all " + steps.size() + " checklist steps passed");
    }
    // A missing required repository is what the operator must fix, whatever failed on the way.
    Optional<StepResult> missing =
        steps.stream()
            .map(CompletedStep::result)
            .filter(result -> result.isFailed() && result.reason() == ReasonCode.REPO_MISSING)
            .findFirst();
    StepResult cause =
        missing.orElseGet(
            () ->
                steps.stream()
                    .map(CompletedStep::result)
                    .filter(StepResult::isFailed)
                    .findFirst()
                    .orElse(null));
    if (cause == null) {
      return new Readiness(
          false, ReasonCode.BOOTSTRAP_STEP_FAILED, "the checklist ended without passing");
    }
    ReasonCode reason = cause.reason() == null ? ReasonCode.BOOTSTRAP_STEP_FAILED : cause.reason();
    return new Readiness(false, reason, cause.message());
  }
}
