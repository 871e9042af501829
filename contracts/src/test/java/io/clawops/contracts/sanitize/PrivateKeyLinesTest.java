package io.clawops.contracts.sanitize;

import static io.clawops.contracts.sanitize.Sanitizer.REDACTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrivateKeyLinesTest {

  private final PrivateKeyLines lines = new PrivateKeyLines();

  private List<String> feed(String text) {
    return text.lines().map(line -> Sanitizer.sanitize(lines.redact(line))).toList();
  }

  @Test
  void shouldRedactEveryLineOfAKeyBlockReadLineByLine() {
    List<String> kept = feed("wrote key:\n" + FakeSecrets.PRIVATE_KEY + "\ndone");

    assertThat(kept).containsExactly("wrote key:", REDACTED, REDACTED, REDACTED, REDACTED, "done");
    assertThat(String.join("\n", kept)).doesNotContain("MIIE").doesNotContain("q2Lw9");
  }

  @Test
  void shouldRedactAPgpBlockWithItsArmorHeadersAndBlankLines() {
    List<String> kept = feed(FakeSecrets.PGP_PRIVATE_KEY + "\nnext");

    assertThat(String.join("\n", kept)).doesNotContain("lQOYBGNp").doesNotContain("Pg7V");
    assertThat(kept).last().isEqualTo("next");
  }

  @Test
  void shouldKeepWhatFollowsTheEndLine() {
    assertThat(lines.redact("-----BEGIN RSA PRIVATE KEY-----")).contains("BEGIN");
    assertThat(lines.redact("MIIEowIBAAKCAQEA7")).isEqualTo(REDACTED);
    assertThat(lines.redact("-----END RSA PRIVATE KEY----- exit 0"))
        .isEqualTo(REDACTED + " exit 0");
    assertThat(lines.redact("ordinary")).isEqualTo("ordinary");
  }

  @Test
  void shouldLeaveAOneLineBlockToTheSanitizerAndKeepLaterLines() {
    String oneLine = "key -----BEGIN PRIVATE KEY----- abc -----END PRIVATE KEY----- ok";

    assertThat(lines.redact(oneLine)).isEqualTo(oneLine);
    assertThat(lines.redact("next line")).isEqualTo("next line");
  }

  @Test
  void shouldNeverSwallowAJsonProtocolLine() {
    lines.redact("-----BEGIN OPENSSH PRIVATE KEY-----");
    String json = "{\"type\":\"result\",\"status\":\"completed\"}";

    assertThat(lines.redact(json)).isEqualTo(json);
    assertThat(lines.redact("after the json line")).isEqualTo("after the json line");
  }

  @Test
  void shouldEndABlockThatNeverEndsAfterTheLineLimit() {
    lines.redact("-----BEGIN EC PRIVATE KEY-----");
    IntStream.range(0, PrivateKeyLines.MAX_BLOCK_LINES)
        .forEach(i -> assertThat(lines.redact("line " + i)).isEqualTo(REDACTED));

    assertThat(lines.redact("ordinary again")).isEqualTo("ordinary again");
  }
}
