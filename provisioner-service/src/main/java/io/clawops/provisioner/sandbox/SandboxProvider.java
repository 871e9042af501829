package io.clawops.provisioner.sandbox;

import java.util.UUID;

/**
 * Creates the sandbox a claw's agent runs in; the seam for providers other than the local one
 * (containers, remote VMs), which would add provider-specific checklist steps.
 */
public interface SandboxProvider {

  /**
   * Creates the claw's sandbox, or returns the existing one unchanged, so a rebootstrap can call it
   * again.
   *
   * @throws SandboxUnavailableException when the sandbox cannot be created or reached
   */
  Sandbox create(UUID clawId) throws SandboxUnavailableException;
}
