package io.clawops.modelprovider;

/** The scripts: which turn a scenario plays for a conversation. */
public final class Script {

  /** The file the healthy scenario's tool call writes into the workspace. */
  public static final String HEALTHY_FILE = "clawops-healthy.txt";

  /** The final text of a finished scenario. */
  public static final String DONE = "All done: the work is complete.";

  private Script() {}

  public static Turn next(Scenario scenario, Conversation conversation) {
    return switch (scenario) {
      case HEALTHY ->
          conversation.toolResults() == 0
              ? new Turn.ShellCall("echo healthy > " + HEALTHY_FILE + " && ls")
              : new Turn.Answer(DONE);
      case SUDO_LOOP ->
          conversation.hubMessage()
              ? afterHub(conversation)
              : new Turn.ShellCall("sudo make install");
      case SAME_CALL ->
          conversation.hubMessage()
              ? new Turn.Answer(DONE)
              : new Turn.ShellCall("cat clawops-missing.txt");
      case SILENT -> new Turn.Silence();
      case RATE_LIMIT ->
          new Turn.Failure(429, "rate_limit_error", "Rate limit exceeded; retry later.");
      case OVERLOADED -> new Turn.Failure(529, "overloaded_error", "Overloaded");
      case SERVER_ERROR -> new Turn.Failure(500, "api_error", "Internal server error");
      case AUTH ->
          new Turn.Failure(
              401,
              "authentication_error",
              "invalid x-api-key: " + (conversation.apiKey() == null ? "" : conversation.apiKey()));
      case CONTEXT_TOO_LONG ->
          new Turn.Failure(
              400, "invalid_request_error", "prompt is too long: 250000 tokens > 200000 maximum");
    };
  }

  /** After the hub message the model changes course: one user-space install, then done. */
  private static Turn afterHub(Conversation conversation) {
    return new Turn.Answer(
        "Understood: sudo is not available, so I installed nothing system-wide. " + DONE);
  }
}
