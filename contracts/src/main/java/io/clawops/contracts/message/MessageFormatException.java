package io.clawops.contracts.message;

/**
 * Signals a record that does not follow the contract, naming the offending field path (e.g. {@code
 * data.seq: must be a positive integer}) so it can go to the dead-letter topic with a reason an
 * operator can act on.
 *
 * <p>Messages never echo the offending value: a bad value may be a secret pasted in the wrong
 * place, and the message ends up in dead-letter headers and logs.
 */
public class MessageFormatException extends IllegalArgumentException {

  private final String path;
  private final String problem;

  public MessageFormatException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** The field path relative to where the exception was last re-thrown, e.g. {@code data.seq}. */
  public String path() {
    return path;
  }

  /** What is wrong with the field, e.g. {@code missing}. */
  public String problem() {
    return problem;
  }

  /**
   * Returns the same problem with {@code parent} prepended to the path, so nested decoders can
   * report fields relative to themselves and still produce a full path.
   */
  public MessageFormatException within(String parent) {
    String joined = path.startsWith("[") ? parent + path : parent + "." + path;
    MessageFormatException nested = new MessageFormatException(joined, problem);
    nested.setStackTrace(getStackTrace());
    return nested;
  }
}
