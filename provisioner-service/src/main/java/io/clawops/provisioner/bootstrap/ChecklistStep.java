package io.clawops.provisioner.bootstrap;

/** One step of the bootstrap readiness checklist. */
public interface ChecklistStep {

  /** The step's name on the wire, e.g. {@code sandbox_created}. */
  String name();

  /**
   * Runs the step. Expected failures are a failed {@link StepResult}; an exception is a bug or an
   * unexpected fault, which the checklist reports as a failed step too.
   */
  StepResult run(ChecklistRun run);
}
