package io.clawops.provisioner.git;

/** A clone failure that the same request can never get past (not found, access refused). */
public final class PermanentCloneException extends CloneException {

  public PermanentCloneException(CloneFailure failure) {
    super(failure);
  }
}
