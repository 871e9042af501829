package io.clawops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.sanitize.Sanitizer;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

  private static final String PASSWORD = "Pw4QhWz3kRtY" + "0301!Vu9X";

  @Test
  void shouldRedactTheSecretsOfARejectedValueAndKeepTheRest() {
    String value =
        "{\"type\":\"run.tool_result\",\"data\":{\"errorSummary\":\"password=" + PASSWORD + "\"}}";

    String bounded = DeadLetterHeaders.boundedValue(value);

    assertThat(bounded)
        .isEqualTo(
            "{\"type\":\"run.tool_result\",\"data\":{\"errorSummary\":\"password="
                + Sanitizer.REDACTED
                + "\"}}");
    assertThat(DeadLetterHeaders.isCut(value, bounded)).isFalse();
  }

  @Test
  void shouldRedactBeforeCuttingSoNoHalfSecretRemains() {
    String token = "gh" + "p_" + "Gc7QhWz3kRtY0001Vu9XpLm2NbQe";
    // Cut first, the value would end in "ghp_Gc7Q…", too short for the token pattern.
    String value =
        "x".repeat(DeadLetterHeaders.VALUE_MAX - 9) + " " + token + " " + "y".repeat(100);

    String bounded = DeadLetterHeaders.boundedValue(value);

    assertThat(bounded).doesNotContain("Gc7Q").hasSize(DeadLetterHeaders.VALUE_MAX);
    assertThat(DeadLetterHeaders.isCut(value, bounded)).isTrue();
  }
}
