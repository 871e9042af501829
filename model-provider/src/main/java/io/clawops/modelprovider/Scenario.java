package io.clawops.modelprovider;

import java.util.Locale;

/**
 * The scripts the provider plays, chosen by the model name of the request: a model named {@code
 * scripted-sudo-loop} (or any name containing {@code sudo-loop}) plays {@link #SUDO_LOOP}.
 */
public enum Scenario {
  /** One shell tool call that writes a file, then a final answer. */
  HEALTHY("healthy"),
  /** Asks for {@code sudo make install} again and again until a hub message arrives. */
  SUDO_LOOP("sudo-loop"),
  /** Asks for the same harmless call forever, whatever it returns. */
  SAME_CALL("same-call"),
  /** Sends the first event of the stream, then nothing. */
  SILENT("silent"),
  /** HTTP 429 rate limit. */
  RATE_LIMIT("429"),
  /** HTTP 529 (Anthropic) or 503 (others): overloaded. */
  OVERLOADED("529"),
  /** HTTP 500. */
  SERVER_ERROR("500"),
  /** HTTP 401, echoing the API key it received (a provider that leaks). */
  AUTH("401"),
  /** HTTP 400: the prompt is too long for the context window. */
  CONTEXT_TOO_LONG("context");

  private final String marker;

  Scenario(String marker) {
    this.marker = marker;
  }

  public String marker() {
    return marker;
  }

  /** The scenario a model name asks for; any other name plays {@link #HEALTHY}. */
  public static Scenario forModel(String model) {
    String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
    for (Scenario scenario : values()) {
      if (scenario != HEALTHY && name.contains(scenario.marker)) {
        return scenario;
      }
    }
    return HEALTHY;
  }
}
