package io.clawops.provisioner.git;

/** A clone failure that may pass on its own (network, server error, timeout): retried. */
public final class TransientCloneException extends CloneException {

  public TransientCloneException(CloneFailure failure) {
    super(failure);
  }
}
