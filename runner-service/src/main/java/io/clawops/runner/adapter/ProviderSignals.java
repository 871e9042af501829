package io.clawops.runner.adapter;

import io.clawops.contracts.ReasonCode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model provider's trouble out of what an agent CLI says about it (an HTTP status, an error
 * kind, a message) as a ClawOps reason code; null when it is not provider trouble.
 */
public final class ProviderSignals {

  private static final Pattern STATUS = Pattern.compile("\\b(40[0-9]|429|5[0-9]{2})\\b");

  private ProviderSignals() {}

  /** The reason code for an HTTP status and the texts the CLI printed with it. */
  public static ReasonCode classify(Integer status, String... texts) {
    String text = String.join(" ", texts).toLowerCase(Locale.ROOT);
    if (contextTooLong(text)) {
      return ReasonCode.CONTEXT_OVERFLOW;
    }
    int code = status != null ? status : statusIn(text);
    if (code == 401
        || code == 403
        || text.contains("authentication")
        || text.contains("unauthenticated")
        || text.contains("invalid api key")
        || text.contains("api key not valid")) {
      return ReasonCode.PROVIDER_AUTH;
    }
    if (code == 429 || text.contains("rate_limit") || text.contains("resource_exhausted")) {
      return ReasonCode.PROVIDER_RATE_LIMIT;
    }
    if (code >= 500 || text.contains("overloaded") || text.contains("server_error")) {
      return ReasonCode.PROVIDER_SERVER_ERROR;
    }
    return null;
  }

  static boolean contextTooLong(String lowerText) {
    return lowerText.contains("prompt is too long")
        || lowerText.contains("context window")
        || lowerText.contains("context_length")
        || lowerText.contains("exceeds the maximum number of tokens");
  }

  /** The first HTTP status a message names, or 0. */
  static int statusIn(String text) {
    Matcher matcher = STATUS.matcher(text);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }
}
