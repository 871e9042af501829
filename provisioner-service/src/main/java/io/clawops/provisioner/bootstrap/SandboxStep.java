package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.ReasonCode;
import io.clawops.provisioner.sandbox.Sandbox;
import io.clawops.provisioner.sandbox.SandboxProvider;
import io.clawops.provisioner.sandbox.SandboxUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sandbox_created}: the claw's sandbox exists (created now, or kept from an earlier run).
 */
@ApplicationScoped
public class SandboxStep implements ChecklistStep {

  public static final String NAME = "sandbox_created";

  private final SandboxProvider provider;

  public SandboxStep(SandboxProvider provider) {
    this.provider = provider;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepResult run(ChecklistRun run) {
    try {
      Sandbox sandbox = provider.create(run.clawId());
      run.sandbox(sandbox);
      Map<String, Object> evidence = new LinkedHashMap<>();
      evidence.put("provider", sandbox.provider());
      evidence.put("workspacePath", sandbox.workspace().toString());
      evidence.put("reused", sandbox.reused());
      return StepResult.ok(null, evidence);
    } catch (SandboxUnavailableException e) {
      return StepResult.failed(
          ReasonCode.SANDBOX_UNAVAILABLE,
          "the sandbox could not be created: "
              + e.getMessage()
              + "; check the workspaces root (clawops.workspaces-root) and retry",
          Map.of());
    }
  }
}
