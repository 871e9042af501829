package io.clawops.provisioner.sandbox;

/** The sandbox provider could not create or reach a claw's sandbox. */
public class SandboxUnavailableException extends Exception {

  public SandboxUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
