package io.clawops.contracts.sanitize;

import static io.clawops.contracts.sanitize.Sanitizer.REDACTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizerTest {

  /**
   * Each pattern runs only when a cheap test says the text may hold its secret; these are the edges
   * of those tests: keys and schemes in any case, every token prefix, and a secret at either end.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "PassWord=hunter2hunter2",
        "x-API-KEY: 0123456789abcdef",
        "Credentials='swordfish-99'",
        "AUTHORIZATION: Basic dXNlcjpwYXNz",
        "auth ok; BeArEr abc.def-123456",
        "clone https://user:pw123456@example.com/repo.git",
        "ghp_0123456789abcdefghijABCD",
        "gho_0123456789abcdefghijABCD",
        "ghu_0123456789abcdefghijABCD",
        "ghs_0123456789abcdefghijABCD",
        "ghr_0123456789abcdefghijABCD",
        "github_pat_0123456789abcdefghij_XYZ",
        "sk-ant-0123456789abcdefghij",
        "AKIA0123456789ABCDEF",
        "ASIA0123456789ABCDEF",
        "AIza0123456789abcdefghijABCDEFGHIJ_-xyz",
        "xoxb-0123456789-abcdef",
        "xapp-1-0123456789abc",
        "eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl",
        "-----BEGIN RSA PRIVATE KEY----- MIIEow -----END RSA PRIVATE KEY-----"
      })
  void shouldRunEveryPatternWhoseSecretTheTextMayHold(String secret) {
    String sanitized = Sanitizer.sanitize(secret);

    assertThat(sanitized)
        .doesNotContain("hunter2", "0123456789", "swordfish", "dXNlcjpwYXNz", "pw123456", "MIIEow")
        .doesNotContain("abc.def-123456", "c2lnbmF0dXJl")
        .satisfiesAnyOf(s -> assertThat(s).contains(REDACTED), s -> assertThat(s).contains("***@"));
  }

  @Test
  void shouldFindAWordInAnyAsciiCaseAnywhereInTheText() {
    assertThat(Sanitizer.containsIgnoringCase("token", "token")).isTrue();
    assertThat(Sanitizer.containsIgnoringCase("a TOKEN", "token")).isTrue();
    assertThat(Sanitizer.containsIgnoringCase("ToKeN at the start", "token")).isTrue();
    assertThat(Sanitizer.containsIgnoringCase("toke", "token")).isFalse();
    assertThat(Sanitizer.containsIgnoringCase("", "token")).isFalse();
    assertThat(Sanitizer.containsIgnoringCase("t-o-k-e-n", "token")).isFalse();
  }

  /** A secret embedded in realistic text, and fragments around it that must survive. */
  static Stream<Arguments> secretsInContext() {
    return Stream.of(
        leak(
            "github classic token in git output",
            FakeSecrets.GITHUB_CLASSIC,
            "remote: Invalid username or token " + FakeSecrets.GITHUB_CLASSIC + "\nfatal: denied",
            "remote: Invalid username or token",
            "fatal: denied"),
        leak(
            "github oauth token in env dump",
            FakeSecrets.GITHUB_OAUTH,
            "HOME=/home/agent GH_AUTH=" + FakeSecrets.GITHUB_OAUTH + " PATH=/usr/bin",
            "HOME=/home/agent GH_AUTH=",
            "PATH=/usr/bin"),
        leak(
            "github user-to-server token in an error message",
            FakeSecrets.GITHUB_USER_TO_SERVER,
            "gh: HTTP 401: Bad credentials (" + FakeSecrets.GITHUB_USER_TO_SERVER + ")",
            "gh: HTTP 401: Bad credentials (",
            ")"),
        leak(
            "github installation token in a clone URL",
            FakeSecrets.GITHUB_SERVER_TO_SERVER,
            "fatal: unable to access 'https://x-access-token:"
                + FakeSecrets.GITHUB_SERVER_TO_SERVER
                + "@github.com/acme/app.git/': The requested URL returned error: 403",
            "fatal: unable to access 'https://",
            "@github.com/acme/app.git/': The requested URL returned error: 403"),
        leak(
            "github refresh token after a colon",
            FakeSecrets.GITHUB_REFRESH,
            "refresh failed:" + FakeSecrets.GITHUB_REFRESH,
            "refresh failed:"),
        leak(
            "github fine-grained token in quotes",
            FakeSecrets.GITHUB_FINE_GRAINED,
            "using credential '" + FakeSecrets.GITHUB_FINE_GRAINED + "' for push",
            "using credential '",
            "' for push"),
        leak(
            "openai key in an HTTP error",
            FakeSecrets.OPENAI_LEGACY,
            "HTTP 401 from api.openai.com: Incorrect API key provided: "
                + FakeSecrets.OPENAI_LEGACY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
            "HTTP 401 from api.openai.com: Incorrect API key provided: ",
            ". You can find your API key at https://platform.openai.com/account/api-keys."),
        leak(
            "openai project key in env dump",
            FakeSecrets.OPENAI_PROJECT,
            "OPENAI_API_KEY=" + FakeSecrets.OPENAI_PROJECT + " LANG=C.UTF-8",
            "OPENAI_API_KEY=",
            "LANG=C.UTF-8"),
        leak(
            "anthropic key in a curl command",
            FakeSecrets.ANTHROPIC,
            "curl -H 'x-api-key: "
                + FakeSecrets.ANTHROPIC
                + "' https://api.anthropic.com/v1/messages",
            "curl -H 'x-api-key: ",
            "' https://api.anthropic.com/v1/messages"),
        leak(
            "aws access key id in an SDK error",
            FakeSecrets.AWS_ACCESS_KEY,
            "InvalidClientTokenId: The security token included in the request is invalid"
                + " (key "
                + FakeSecrets.AWS_ACCESS_KEY
                + ", region eu-west-1)",
            "InvalidClientTokenId: The security token included in the request is invalid (key ",
            ", region eu-west-1)"),
        leak(
            "aws session key id in env dump",
            FakeSecrets.AWS_SESSION_KEY,
            "AWS_ACCESS_KEY_ID=" + FakeSecrets.AWS_SESSION_KEY + " AWS_REGION=us-east-1",
            "AWS_ACCESS_KEY_ID=",
            "AWS_REGION=us-east-1"),
        leak(
            "slack bot token in a webhook error",
            FakeSecrets.SLACK_BOT,
            "slack chat.postMessage failed with " + FakeSecrets.SLACK_BOT + ": invalid_auth",
            "slack chat.postMessage failed with ",
            ": invalid_auth"),
        leak("slack user token", FakeSecrets.SLACK_USER, "user " + FakeSecrets.SLACK_USER, "user "),
        leak("slack xoxa token", FakeSecrets.SLACK_APP_LEVEL, FakeSecrets.SLACK_APP_LEVEL + " ok"),
        leak("slack refresh token", FakeSecrets.SLACK_REFRESH, "r=" + FakeSecrets.SLACK_REFRESH),
        leak("slack legacy token", FakeSecrets.SLACK_LEGACY, "(" + FakeSecrets.SLACK_LEGACY + ")"),
        leak(
            "slack app-level token",
            FakeSecrets.SLACK_APP_TOKEN,
            "socket mode: " + FakeSecrets.SLACK_APP_TOKEN + " rejected",
            "socket mode: ",
            " rejected"),
        leak(
            "slack rotating refresh token",
            FakeSecrets.SLACK_ROTATING_REFRESH,
            "slack refresh " + FakeSecrets.SLACK_ROTATING_REFRESH + " was revoked",
            "slack refresh ",
            " was revoked"),
        leak(
            "google api key echoed in a Gemini API error",
            FakeSecrets.GOOGLE_API_KEY,
            "[API Error: API key not valid: "
                + FakeSecrets.GOOGLE_API_KEY
                + ". Please pass a valid API key.]",
            "[API Error: API key not valid: ",
            ". Please pass a valid API key.]"),
        leak(
            "google api key in a request url",
            FakeSecrets.GOOGLE_API_KEY,
            "GET /v1beta/models/gemini-2.5-pro:generateContent?alt=sse&k="
                + FakeSecrets.GOOGLE_API_KEY
                + " -> 400",
            " -> 400"),
        leak(
            "authorization header with a bearer JWT",
            FakeSecrets.JWT,
            "GET /v1/models -> 401 (headers: Authorization: Bearer " + FakeSecrets.JWT + ")",
            "GET /v1/models -> 401 (headers: Authorization: " + REDACTED + ")"),
        leak(
            "lowercase authorization header with an opaque bearer token",
            FakeSecrets.OPAQUE_BEARER,
            "authorization: bearer " + FakeSecrets.OPAQUE_BEARER + " was refused",
            "authorization: " + REDACTED + " was refused"),
        leak(
            "bare bearer token in prose",
            FakeSecrets.OPAQUE_BEARER,
            "retrying with Bearer " + FakeSecrets.OPAQUE_BEARER + " after 429",
            "retrying with Bearer ",
            " after 429"),
        leak(
            "JWT without a header name",
            FakeSecrets.JWT,
            "session " + FakeSecrets.JWT + " expired",
            "session ",
            " expired"),
        leak(
            "password in a database URL",
            FakeSecrets.PASSWORD,
            "connection refused: postgresql://clawops:"
                + FakeSecrets.PASSWORD
                + "@db.internal:5432/claws",
            "connection refused: postgresql://",
            "@db.internal:5432/claws"),
        leak(
            "password key=value in env dump",
            FakeSecrets.PASSWORD,
            "DB_USER=clawops DB_PASSWORD=" + FakeSecrets.PASSWORD + " DB_HOST=db",
            "DB_USER=clawops DB_PASSWORD=" + REDACTED,
            "DB_HOST=db"),
        leak(
            "secret in JSON",
            FakeSecrets.PASSWORD,
            "{\"client_secret\": \"" + FakeSecrets.PASSWORD + "\", \"grant\": \"x\"}",
            "{\"client_secret\": \"" + REDACTED + "\", \"grant\": \"x\"}"),
        leak(
            "private key block in a tool output",
            "MIIEowIBAAKCAQEA7",
            "wrote key:\n" + FakeSecrets.PRIVATE_KEY + "\ndone",
            "wrote key: ",
            " done"),
        leak(
            "pgp private key block",
            "lQOYBGNp",
            "exported:\n" + FakeSecrets.PGP_PRIVATE_KEY + "\nok",
            "exported: ",
            " ok"));
  }

  private static Arguments leak(String name, String secret, String text, String... kept) {
    return Arguments.of(name, secret, text, List.of(kept));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsInContext")
  void shouldRedactSecretAndKeepSurroundingText(
      String name, String secret, String text, List<String> kept) {
    String sanitized = Sanitizer.sanitize(text);

    assertThat(sanitized).doesNotContain(secret).containsAnyOf(REDACTED, "://***@");
    kept.forEach(fragment -> assertThat(sanitized).contains(fragment));
  }

  @Test
  void shouldRedactGithubTokenInsideErrorMessage() {
    String sanitized =
        Sanitizer.sanitize("push failed: token " + FakeSecrets.GITHUB_CLASSIC + " lacks scope");

    assertThat(sanitized).isEqualTo("push failed: token " + REDACTED + " lacks scope");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "https://alice:s3cr3t@github.com/acme/app.git | https://***@github.com/acme/app.git",
        "https://oauth2token@gitlab.example.com/a/b | https://***@gitlab.example.com/a/b",
        "clone of git+ssh://deploy:pw@host/x failed | clone of git+ssh://***@host/x failed",
        "see https://docs.example.com/a@b?x=1 | see https://docs.example.com/a@b?x=1",
      })
  void shouldRedactCredentialsInUrls(String text, String expected) {
    assertThat(Sanitizer.sanitize(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "password=hunter2 | password=[REDACTED]",
        "PASSWORD: hunter2 next | PASSWORD: [REDACTED] next",
        "passwd:'two words' end | passwd:'[REDACTED]' end",
        "`{\"password\": \"two words\"}` | `{\"password\": \"[REDACTED]\"}`",
        "token=abc123&page=2 | token=[REDACTED]&page=2",
        "access_token: abc123 | access_token: [REDACTED]",
        "secret=xyz | secret=[REDACTED]",
        "api_key=xyz | api_key=[REDACTED]",
        "APIKEY=\"xyz | APIKEY=\"[REDACTED]",
        "x-api-key: xyz | x-api-key: [REDACTED]",
        "SECRET_KEY_BASE=abcdef | SECRET_KEY_BASE=[REDACTED]",
        "AWS_SECRET_ACCESS_KEY=abc/def+ghi | AWS_SECRET_ACCESS_KEY=[REDACTED]",
      })
  void shouldKeepKeyNameWhenRedactingKeyValue(String text, String expected) {
    assertThat(Sanitizer.sanitize(text)).isEqualTo(expected);
  }

  @Test
  void shouldRedactMultiLinePrivateKeyBlock() {
    String sanitized = Sanitizer.sanitize("key:\n" + FakeSecrets.PRIVATE_KEY + "\nused for deploy");

    assertThat(sanitized).isEqualTo("key: " + REDACTED + " used for deploy");
  }

  @Test
  void shouldRedactPrivateKeyBlockCutOffBeforeItsEnd() {
    String truncated = FakeSecrets.PRIVATE_KEY.substring(0, 60);

    assertThat(Sanitizer.sanitize("cat id_rsa: " + truncated)).isEqualTo("cat id_rsa: " + REDACTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ordinaryOperatorText")
  void shouldLeaveOrdinaryOperatorTextUnchanged(String text) {
    assertThat(Sanitizer.sanitize(text)).isEqualTo(text);
  }

  static Stream<String> ordinaryOperatorText() {
    return Stream.of(
        "/work/claws/9b2e/app/src/main.py",
        "fatal: repository 'file:///tmp/x' does not exist",
        "HEAD is now at 5e1d0c9a4b3f2e1d0c9a4b3f2e1d0c9a4b3f2e1d",
        "claw 9b2e4c1a-7d3f-4e5b-8a6c-0f1e2d3c4b5a is stalled",
        "exec failed: elevated is not available",
        "model timeout: no fallback configured",
        "see https://github.com/acme/app/pull/12 for details",
        "git clone git@github.com:acme/app.git",
        "tokenizer loaded; passwordless sudo disabled; ask the secretary",
        "skip task-123, sk is not a key, neither is sk-short",
        "max_tokens=4096 exceeded by the prompt",
        "token.go:12: undefined: Lexer",
        "requires Bearer authentication",
        "ASIA and AKIA are prefixes",
        "AIza alone is a prefix, AIzaShort is no key",
        "résumé ✓ 日本語 emoji 🚀 stay");
  }

  // Not a @CsvSource: the CSV parser trims leading control characters itself.
  static Stream<Arguments> controlCharacters() {
    return Stream.of(
        Arguments.of("crlf and tab", "line1\r\nline2\tcol", "line1 line2 col"),
        Arguments.of("ansi colours", "\u001B[31mERROR\u001B[0m: boom", "ERROR: boom"),
        Arguments.of("ansi title", "\u001B]0;title\u0007ready", "ready"),
        Arguments.of("nul and bell", "a\u0000b\u0007c", "a b c"),
        Arguments.of("c1 controls", "a\u0085b\u009Bc", "a b c"),
        Arguments.of("zero width", "gh\u200Bost\uFEFF", "ghost"),
        Arguments.of("bidi override", "abc\u202Edef", "abcdef"),
        Arguments.of("leading and trailing newlines", "\n\nfailed\n", "failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCharacters")
  void shouldFlattenControlCharactersAndAnsiEscapes(String name, String text, String expected) {
    assertThat(Sanitizer.sanitize(text)).isEqualTo(expected);
  }

  @Test
  void shouldRedactSecretSplitByInvisibleCharacters() {
    String hidden = "ghp_" + "\u200B" + FakeSecrets.GITHUB_CLASSIC.substring(4);

    assertThat(Sanitizer.sanitize("token " + hidden)).isEqualTo("token " + REDACTED);
  }

  @Test
  void shouldCapLengthWithEllipsis() {
    String sanitized = Sanitizer.sanitize("x".repeat(500), Sanitizer.MESSAGE_MAX);

    assertThat(sanitized).hasSize(Sanitizer.MESSAGE_MAX).endsWith("…");
  }

  @Test
  void shouldRedactBeforeCuttingSoAHalfSecretNeverShows() {
    // Cutting first would leave "ghp_" plus 14 characters: too short for the token pattern.
    String text = "a".repeat(280) + " " + FakeSecrets.GITHUB_CLASSIC + " tail";

    String sanitized = Sanitizer.sanitize(text, Sanitizer.MESSAGE_MAX);

    assertThat(sanitized).isEqualTo("a".repeat(280) + " " + REDACTED + " tail");
  }

  @Test
  void shouldNotCutInsideTheRedactionMarker() {
    String text = "a".repeat(295) + " " + FakeSecrets.GITHUB_CLASSIC;

    assertThat(Sanitizer.sanitize(text, Sanitizer.MESSAGE_MAX)).isEqualTo("a".repeat(295) + "…");
  }

  @Test
  void shouldCapOneMegabyteQuickly() {
    String huge = "line of agent output with token=abc\n".repeat(30_000);

    String sanitized =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Sanitizer.sanitize(huge));

    assertThat(huge.length()).isGreaterThan(1_000_000);
    assertThat(sanitized)
        .hasSizeLessThanOrEqualTo(Sanitizer.MAX_LENGTH)
        .endsWith("…")
        .doesNotContain("abc");
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("adversarialMegabytes")
  void shouldStayLinearOnAdversarialMegabyteInput(String huge) {
    String sanitized =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Sanitizer.sanitize(huge));

    assertThat(sanitized).hasSizeLessThanOrEqualTo(Sanitizer.MAX_LENGTH);
  }

  static Stream<String> adversarialMegabytes() {
    int size = 1 << 20;
    return Stream.of(
            "a",
            "\n",
            "\u001B[",
            "password=",
            "password=\"",
            "-----BEGIN PRIVATE KEY-----",
            "https://a",
            "https://a:b",
            "Bearer x",
            "authorization: ",
            "ghp_",
            "sk-a",
            "eyJaaaaaaaaa.",
            "secret_a_b_c",
            "\u200B")
        .map(unit -> unit.repeat(size / unit.length() + 1));
  }

  @ParameterizedTest(name = "max {0}")
  @CsvSource({"1", "12", "40", "300", "2000"})
  void shouldBeIdempotent(int maxLength) {
    Stream<String> corpus =
        Stream.concat(
            secretsInContext().map(arguments -> (String) arguments.get()[2]),
            ordinaryOperatorText());
    Stream<String> tricky =
        Stream.of(
            "password=" + "x".repeat(50),
            "x".repeat(5) + " password=hunter2 " + "y".repeat(30),
            "\u001B[31m" + "z".repeat(100),
            "AKIA" + "B".repeat(30),
            "AIza" + "C".repeat(60),
            "https://user:pass@host/" + "p".repeat(40));
    Stream.concat(corpus, tricky)
        .forEach(
            text -> {
              String once = Sanitizer.sanitize(text, maxLength);
              assertThat(Sanitizer.sanitize(once, maxLength)).as(text).isEqualTo(once);
              assertThat(once.length()).as(text).isLessThanOrEqualTo(maxLength);
            });
  }

  @Test
  void shouldBeIdempotentAtEveryCutOfASecretHeavyText() {
    String text =
        "user=bob password=hunter2 url=https://bob:pw@host/x key "
            + FakeSecrets.ANTHROPIC
            + " auth Authorization: Bearer "
            + FakeSecrets.JWT;
    IntStream.rangeClosed(1, 120)
        .forEach(
            max -> {
              String once = Sanitizer.sanitize(text, max);
              assertThat(Sanitizer.sanitize(once, max)).as("max %d", max).isEqualTo(once);
              assertThat(once).doesNotContain("hunter2").doesNotContain("Zx9Y");
            });
  }

  @Test
  void shouldRedactSecretsAndKeepLinesLayoutAndLengthOtherwise() {
    String text =
        "Step 1:\n\tclone with " + FakeSecrets.GITHUB_CLASSIC + "\n" + "z".repeat(5000) + "\n";

    String redacted = Sanitizer.redactSecrets(text);

    assertThat(redacted)
        .isEqualTo("Step 1:\n\tclone with " + REDACTED + "\n" + "z".repeat(5000) + "\n");
    assertThat(Sanitizer.redactSecrets("key:\n" + FakeSecrets.PRIVATE_KEY + "\nok"))
        .isEqualTo("key:\n" + REDACTED + "\nok");
    assertThat(Sanitizer.redactSecrets(null)).isNull();
    ordinaryOperatorText()
        .forEach(ordinary -> assertThat(Sanitizer.redactSecrets(ordinary)).isEqualTo(ordinary));
  }

  @Test
  void shouldReturnNullForNull() {
    assertThat(Sanitizer.sanitize(null)).isNull();
    assertThat(Sanitizer.sanitize(null, 10)).isNull();
  }

  @Test
  void shouldRejectNonPositiveMaxLength() {
    assertThatThrownBy(() -> Sanitizer.sanitize("x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
