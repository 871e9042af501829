package io.clawops.runner.agent;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Removes the exact values of the credentials the runner handed to one agent from every text that
 * agent writes, before the text is read, logged, kept or published. The contracts {@link Sanitizer}
 * only knows the shapes of well-known keys; a provider that echoes a key of any other shape in an
 * error must not get it past the runner. Values shorter than {@link #MIN_LENGTH} are not searched
 * for: redacting every "abc" would mangle the agent's protocol lines, and such a value is no
 * credential worth the name.
 */
public final class SecretRedactor {

  /** Values shorter than this are not redacted (see the class comment). */
  public static final int MIN_LENGTH = 8;

  private static final SecretRedactor NONE = new SecretRedactor(List.of());

  private final List<String> values;

  private SecretRedactor(List<String> values) {
    this.values = values;
  }

  /**
   * A redactor for {@code secrets}; nulls and values shorter than {@link #MIN_LENGTH} are left out.
   */
  public static SecretRedactor of(Collection<String> secrets) {
    List<String> kept =
        secrets.stream()
            .filter(Objects::nonNull)
            .filter(value -> value.length() >= MIN_LENGTH)
            .distinct()
            // Longest first, so a key that contains another key is removed whole.
            .sorted((a, b) -> Integer.compare(b.length(), a.length()))
            .toList();
    return kept.isEmpty() ? NONE : new SecretRedactor(kept);
  }

  /** A redactor that changes nothing. */
  public static SecretRedactor none() {
    return NONE;
  }

  /** {@code text} with every occurrence of a known credential replaced by the redaction marker. */
  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String redacted = text;
    for (String value : values) {
      if (redacted.contains(value)) {
        redacted = redacted.replace(value, Sanitizer.REDACTED);
      }
    }
    return redacted;
  }
}
