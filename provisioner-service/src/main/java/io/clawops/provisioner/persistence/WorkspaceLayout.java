package io.clawops.provisioner.persistence;

import io.clawops.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where things live under the workspaces root: one workspace per claw, which the runners share, and
 * the provisioner's own state in {@code .clawops/}, which no agent workspace contains.
 */
@ApplicationScoped
public class WorkspaceLayout {

  /** The provisioner's directory; a dot name can never collide with a claw id. */
  static final String STATE_DIRECTORY = ".clawops";

  private final Path root;

  public WorkspaceLayout(ProvisionerConfig config) {
    this.root = config.workspacesRoot().toAbsolutePath().normalize();
  }

  /** The absolute workspaces root. */
  public Path root() {
    return root;
  }

  /** The agent's workspace of a claw, the path its tasks carry. */
  public Path workspace(UUID clawId) {
    return root.resolve(clawId.toString());
  }

  /** The provisioner's record of a claw: its stored request and state. */
  public Path clawState(UUID clawId) {
    return root.resolve(STATE_DIRECTORY).resolve("claws").resolve(clawId.toString());
  }

  /** Where Idempotency-Key mappings live. */
  public Path idempotencyKeys() {
    return root.resolve(STATE_DIRECTORY).resolve("idempotency");
  }

  /** Where clones are made before they are moved into a workspace (same file system). */
  public Path staging() {
    return root.resolve(STATE_DIRECTORY).resolve("staging");
  }
}
