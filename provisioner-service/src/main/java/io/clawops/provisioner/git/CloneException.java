package io.clawops.provisioner.git;

/** A clone attempt failed; the subclass says whether another attempt may help. */
public abstract sealed class CloneException extends Exception
    permits TransientCloneException, PermanentCloneException {

  private final transient CloneFailure failure;

  protected CloneException(CloneFailure failure) {
    // The detail is sanitized already; the exception message may end up in a log.
    super(failure.kind().code() + ": " + failure.detail(), null, false, false);
    this.failure = failure;
  }

  public CloneFailure failure() {
    return failure;
  }
}
