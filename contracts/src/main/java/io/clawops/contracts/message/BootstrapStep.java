package io.clawops.contracts.message;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bootstrap.step}: the result of one readiness checklist step.
 *
 * <p>{@code reason} (a reason code) and {@code message} are set when the step is not ok. The
 * message and every text in {@code evidence} are sanitized on construction (F10), because a failed
 * clone's evidence easily holds a URL with credentials.
 */
public record BootstrapStep(
    String step,
    StepOutcome outcome,
    String reason,
    String message,
    int attempt,
    long durationMs,
    Map<String, Object> evidence)
    implements MessageData {

  public static final String TYPE = "bootstrap.step";

  public BootstrapStep {
    Require.nonBlank(step, "step");
    Require.present(outcome, "outcome");
    message = Sanitizer.sanitize(message, Sanitizer.MESSAGE_MAX);
    Require.positive(attempt, "attempt");
    Require.nonNegative(durationMs, "durationMs");
    evidence = evidence == null ? Map.of() : sanitizedMap(evidence);
  }

  @Override
  public String type() {
    return TYPE;
  }

  // Unmodifiable but null-tolerant: JSON evidence may hold nulls, which Map.copyOf rejects.
  private static Map<String, Object> sanitizedMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), sanitizedValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object sanitizedValue(Object value) {
    if (value instanceof String text) {
      return Sanitizer.sanitize(text, Sanitizer.MESSAGE_MAX);
    }
    if (value instanceof Map<?, ?> map) {
      return sanitizedMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(sanitizedValue(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
