package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.provisioner.persistence.AtomicFiles;
import io.clawops.provisioner.request.WorkspacePath;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code workspace_files_written}: the context file telling the agent what its runtime lacks and
 * where its repositories are. Rewritten on every run, since it only depends on the request.
 */
@ApplicationScoped
public class WorkspaceFilesStep implements ChecklistStep {

  public static final String NAME = "workspace_files_written";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ChecklistRun run) {
    try {
      AtomicFiles.write(
          run.sandbox().workspace().resolve(WorkspacePath.CONTEXT_FILE),
          WorkspaceContext.render(run.request()));
      List<String> restrictions = WorkspaceContext.restrictions(run.request().capabilities());
      return StepResult.ok(
          null,
          Map.of(
              "files", List.of(WorkspacePath.CONTEXT_FILE), "restrictions", restrictions.size()));
    } catch (IOException e) {
      return StepResult.failed(
          ReasonCode.BOOTSTRAP_STEP_FAILED,
          "could not write " + WorkspacePath.CONTEXT_FILE + " into the workspace: " + e,
          Map.of());
    }
  }
}
