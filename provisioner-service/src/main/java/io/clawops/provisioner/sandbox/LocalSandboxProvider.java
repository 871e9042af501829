package io.clawops.provisioner.sandbox;

import io.clawops.provisioner.persistence.WorkspaceLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Sandboxes as plain directories under the workspaces root, one per claw, on a file system the
 * runners share.
 */
@ApplicationScoped
public class LocalSandboxProvider implements SandboxProvider {

  /** The provider's name in step evidence. */
  public static final String NAME = "local";

  private final WorkspaceLayout layout;

  public LocalSandboxProvider(WorkspaceLayout layout) {
    this.layout = layout;
  }

  @Override
  public Sandbox create(UUID clawId) throws SandboxUnavailableException {
    Path workspace = layout.workspace(clawId);
    boolean existed = Files.isDirectory(workspace);
    try {
      Files.createDirectories(workspace);
    } catch (IOException e) {
      throw new SandboxUnavailableException("could not create the workspace directory", e);
    }
    if (!Files.isWritable(workspace)) {
      throw new SandboxUnavailableException("the workspace directory is not writable", null);
    }
    return new Sandbox(clawId, NAME, workspace, existed);
  }
}
