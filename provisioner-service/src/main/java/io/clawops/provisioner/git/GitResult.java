package io.clawops.provisioner.git;

/** How one git process ended: its exit code, its output, and whether it was killed for time. */
public record GitResult(int exitCode, String stdout, String stderr, boolean timedOut) {

  /** True when git exited 0 in time. */
  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }
}
