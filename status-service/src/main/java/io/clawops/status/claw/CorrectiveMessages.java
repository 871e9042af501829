package io.clawops.status.claw;

/** The text of the hub messages ClawOps injects to get an agent out of a loop. */
public final class CorrectiveMessages {

  private CorrectiveMessages() {}

  /** L1: names the missing capability and what to do instead. */
  public static String missingCapability(String capability) {
    return switch (capability) {
      case LoopDetector.ELEVATED_EXEC ->
          "Elevated execution is not available in this runtime: commands run without sudo or"
              + " elevated privileges. Do not retry with elevated:true or sudo. Run the command"
              + " without elevation, install into a user-writable location (for example a"
              + " virtualenv or ~/.local), or report that the step needs elevated access.";
      case LoopDetector.BROWSER ->
          "No browser is available in this runtime. Do not retry browser tools. Fetch what you"
              + " need with non-browser tools, or report that the step needs a browser.";
      default ->
          "The runtime's tool policy denies this tool call. Do not retry it. Use a tool the"
              + " policy allows, or report which step needs the denied tool.";
    };
  }

  /** L2: names the repeated tool and asks for a different approach. */
  public static String repetition(String tool, int repeats) {
    return "You called the tool '"
        + tool
        + "' "
        + repeats
        + " times in a row with the same input and got the same result. Repeating it will not"
        + " change the outcome. Read the result, change the input or the approach, or report"
        + " that you are blocked.";
  }

  /** The operator-facing message when L1 persisted. */
  public static String capabilityBlocked(String capability) {
    return "agent kept using "
        + capability
        + " after being told it is not available; the run was stopped";
  }

  /** The operator-facing message when L1's message could not reach the agent. */
  public static String capabilityUndelivered(String capability, String reason) {
    return "agent kept using "
        + capability
        + ", which is not available, and the corrective message could not be delivered"
        + because(reason)
        + "; the run was stopped";
  }

  /** The operator-facing message when L2's message could not reach the agent. */
  public static String repetitionUndelivered(String tool, String reason) {
    return "agent kept repeating the same '"
        + (tool == null ? "tool" : tool)
        + "' call and the corrective message could not be delivered"
        + because(reason)
        + "; the run was stopped";
  }

  private static String because(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }

  /** The operator-facing message when L2 persisted. */
  public static String repetitionBlocked(String tool) {
    return "agent kept repeating the same '"
        + tool
        + "' call after two corrective messages; the run was stopped";
  }
}
