package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.sanitize.Sanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs the checklist steps in their fixed order. After a failed step the remaining steps are
 * skipped, with one exception: a failed clone still lets verification run, because verifying the
 * workspace is what tells a missing required repository from a missing optional one.
 */
@ApplicationScoped
public class BootstrapChecklist {

  private static final Logger LOG = Logger.getLogger(BootstrapChecklist.class);

  private final List<ChecklistStep> steps;

  public BootstrapChecklist(
      SandboxStep sandbox,
      WorkspaceFilesStep files,
      CredentialsStep credentials,
      CloneStep clone,
      VerifyStep verify) {
    this.steps = List.of(sandbox, files, credentials, clone, verify);
  }

  /** Runs every step, handing each result to {@code onStep} before the next step starts. */
  public List<CompletedStep> run(ChecklistRun run, Consumer<CompletedStep> onStep) {
    List<CompletedStep> completed = new ArrayList<>(steps.size());
    CompletedStep blocker = null;
    for (ChecklistStep step : steps) {
      CompletedStep result = blocker == null ? execute(step, run) : skip(step, blocker);
      onStep.accept(result);
      completed.add(result);
      if (blocker == null && result.result().isFailed() && !CloneStep.NAME.equals(step.name())) {
        blocker = result;
      }
    }
    return completed;
  }

  private static CompletedStep execute(ChecklistStep step, ChecklistRun run) {
    long started = System.nanoTime();
    StepResult result;
    try {
      result = step.run(run);
    } catch (RuntimeException e) {
      String error = Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX);
      LOG.warnf("claw %s: step %s failed unexpectedly: %s", run.clawId(), step.name(), error);
      result =
          StepResult.failed(
              ReasonCode.BOOTSTRAP_STEP_FAILED,
              step.name() + " failed unexpectedly: " + error,
              Map.of());
    }
    return new CompletedStep(step.name(), result, CloneStep.millisSince(started));
  }

  private static CompletedStep skip(ChecklistStep step, CompletedStep blocker) {
    return new CompletedStep(
        step.name(),
        StepResult.skipped(
            blocker.result().reason(), "skipped because " + blocker.step() + " failed"),
        0);
  }
}
