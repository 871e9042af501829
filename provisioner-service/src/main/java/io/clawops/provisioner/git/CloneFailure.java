package io.clawops.provisioner.git;

/**
 * Why a clone failed, classified so that only failures that may pass on their own are retried, and
 * with one line for the operator on what to check.
 */
public record CloneFailure(Kind kind, String detail) {

  /** The classes of clone failure. */
  public enum Kind {
    /** The repository does not exist at that URL (or is private and hidden). */
    NOT_FOUND(false, "not_found", "check that the URL is right and the repository exists"),
    /** The server refused the credentials, or asked for some and none were given. */
    AUTH_REFUSED(
        false,
        "auth_refused",
        "check that the repository's credentialRef names a credential with read access"),
    /** Network, DNS or server errors, which often pass. */
    UNREACHABLE(true, "unreachable", "check that the host is reachable from the provisioner"),
    /** The clone took longer than clawops.git.clone-timeout. */
    TIMEOUT(true, "timeout", "check the network, or raise clawops.git.clone-timeout"),
    /** The URL breaks the repository allow-list at clone time (clawops.repositories.*). */
    REFUSED(
        false,
        "refused",
        "use a repository URL that clawops.repositories.* allows (see the provisioner's README)"),
    /** The provisioner could not write the clone, or the path holds other files. */
    LOCAL(false, "local", "check the workspace path and the provisioner's disk");

    private final boolean retryable;
    private final String code;
    private final String advice;

    Kind(boolean retryable, String code, String advice) {
      this.retryable = retryable;
      this.code = code;
      this.advice = advice;
    }

    /** True when trying again may succeed without anyone changing anything. */
    public boolean retryable() {
      return retryable;
    }

    /** The name used in step evidence. */
    public String code() {
      return code;
    }

    /** What the operator should check. */
    public String advice() {
      return advice;
    }
  }
}
