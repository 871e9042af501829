package io.clawops.simagent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario a prompt asks for: the first line of the form {@code scenario: <name> [key=value
 * ...]} (case-insensitive keyword, anywhere in the prompt), or {@code healthy} when there is none.
 *
 * <p>Example: {@code scenario: model-timeout ok-model=fallback-model wait-ms=100}. Parameters are
 * separated by whitespace; a value cannot contain spaces.
 */
public record ScenarioSpec(String name, Map<String, String> params) {

  /** The scenario played when the prompt names none. */
  public static final String DEFAULT = "healthy";

  private static final Pattern LINE =
      Pattern.compile("(?im)^\\s*scenario:\\s*([\\w.-]+)([^\\r\\n]*)$");
  private static final Pattern PARAM = Pattern.compile("([\\w.-]+)=(\\S*)");

  public ScenarioSpec {
    params = Map.copyOf(params);
  }

  /** Parses the first scenario line of {@code prompt}; null or no line means {@link #DEFAULT}. */
  public static ScenarioSpec fromPrompt(String prompt) {
    Matcher line = LINE.matcher(prompt == null ? "" : prompt);
    if (!line.find()) {
      return new ScenarioSpec(DEFAULT, Map.of());
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher param = PARAM.matcher(line.group(2));
    while (param.find()) {
      params.put(param.group(1), param.group(2));
    }
    return new ScenarioSpec(line.group(1).toLowerCase(java.util.Locale.ROOT), params);
  }

  /** A text parameter, if given. */
  public Optional<String> text(String key) {
    return Optional.ofNullable(params.get(key)).filter(value -> !value.isEmpty());
  }

  /** A whole-number parameter, or {@code fallback} when absent or not a number. */
  public long number(String key, long fallback) {
    try {
      return text(key).map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A duration in seconds that may have a fraction ({@code 2.5}), returned in milliseconds. */
  public long secondsAsMillis(String key, double fallbackSeconds) {
    try {
      return Math.round(text(key).map(Double::parseDouble).orElse(fallbackSeconds) * 1000);
    } catch (NumberFormatException e) {
      return Math.round(fallbackSeconds * 1000);
    }
  }
}
