package io.clawops.provisioner.credentials;

/**
 * A credential value and where it came from; {@link #toString()} never shows the value, so a secret
 * that slips into a log line or message stays hidden.
 */
public final class Secret {

  private final String value;
  private final String source;

  public Secret(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /** The value itself, only for handing to git through its environment. */
  public String reveal() {
    return value;
  }

  /** Where the value was found: an environment variable's name or {@code secrets file}. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Secret[from " + source + "]";
  }
}
