package io.clawops.simagent.scenario;

import java.util.List;
import java.util.Locale;

/**
 * Fake credentials of every token family the contracts sanitizer knows, numbered so that a thousand
 * claws each carry their own, and each put in the words a real diagnostic would wrap it in. Every
 * value is built as prefix + {@link Family#head} + number + {@link Family#tail} (+ fixed suffix),
 * so a search for the heads and tails finds the value itself and also any piece of it a cut or a
 * partial redaction left behind, e.g. the key body without its prefix. Assembled at run time so no
 * literal here looks like a real secret to a scanner.
 */
public final class SecretFamilies {

  /** One token family: how its values look and the sentence a diagnostic puts one in. */
  public enum Family {
    GITHUB_CLASSIC("gh" + "p_", "Gc7QhWz3kRtY", "Vu9XpLm2NbQe", ""),
    GITHUB_INSTALLATION("gh" + "s_", "Gs5MnBv4cXzA", "Lk8JhGf3DsAq", ""),
    GITHUB_FINE_GRAINED("github_" + "pat_11", "Gf4QhWz3kRtY", "_Vu9XpLm2Nb7e", "Xy7Kd"),
    OPENAI("s" + "k-proj-", "Oa5QhWz3kRtY", "Vu9XpLm2-bQe", "T3BlbkFJ"),
    ANTHROPIC("s" + "k-ant-api03-", "An6QhWz3kRtY", "Vu9X_Lm2NbQe", "-AA"),
    AWS_KEY_ID("AK" + "IA", "QZ7WXK", "RTY3VQ", ""),
    GOOGLE_API_KEY("AI" + "za", "Ga3QhWz3kRtY", "Vu9Xp-m2NbQe", "Ab3_dE5"),
    SLACK_BOT("xo" + "xb-1234567890-", "Sb8QhWz3kRtY", "Vu9XpLm2Nb8e", ""),
    SLACK_REFRESH("xo" + "xe-1-", "Sr2QhWz3kRtY", "Vu9XpLm2Nb2e", ""),
    BEARER_HEADER("", "Bh3QhWz3kRtY", ".Vu9XpLm2Nb3e", ""),
    BEARER_BARE("", "Bb4QhWz3kRtY", "~Vu9XpLm2Nb4e", ""),
    PASSWORD("", "Pw4QhWz3kRtY", "!Vu9XpLm2Nb5e", ""),
    TOKEN("", "Tk5QhWz3kRtY", "Vu9XpLm2Nb6e", ""),
    SECRET("", "Sc6QhWz3kRtY", "/Vu9XpLm2Nb9e", ""),
    API_KEY("", "Ak7QhWz3kRtY", "Vu9XpLm2Nb0e", ""),
    URL_CREDENTIALS("", "Uc8QhWz3kRtY", "Vu9XpLm2Nb1e", ""),
    RSA_PRIVATE_KEY("", "MIIEpAIBAAKCAQEARk9QhWz3kRtY", "q2Lw9ZbXc3VhT0msRk9Ag", ""),
    OPENSSH_PRIVATE_KEY("", "b3BlbnNzaC1rZXktdjEAOs2QhWz3", "AAAAB3NzaC1yc2EOs2Ag", ""),
    PGP_PRIVATE_KEY("", "lQOYBGNpQhWz3kRtYPg7", "Pg7VhT0msq2Lw9ZbXc3A", ""),
    JWT("eyJ" + "hbGciOiJIUzI1NiJ9.eyJ", "Jw1QhWz3kRtY", "Vu9XpLm2Nb1w", "");

    private final String prefix;

    /** The start of every value's body, right after the family's prefix. */
    public final String head;

    /** The end of every value's body, before a fixed suffix. */
    public final String tail;

    private final String suffix;

    Family(String prefix, String head, String tail, String suffix) {
      this.prefix = prefix;
      this.head = head;
      this.tail = tail;
      this.suffix = suffix;
    }

    /** The credential itself, number {@code n}: what must never show anywhere. */
    public String secret(int n) {
      String number = String.format(Locale.ROOT, "%04d", n % 10_000);
      String body = prefix + head + number + tail + suffix;
      return switch (this) {
        case RSA_PRIVATE_KEY -> pem("RSA PRIVATE KEY", head + number + "\n" + tail);
        case OPENSSH_PRIVATE_KEY -> pem("OPENSSH PRIVATE KEY", head + number + "\n" + tail);
        case PGP_PRIVATE_KEY ->
            pem("PGP PRIVATE KEY BLOCK", "Version: GnuPG v2\n\n" + head + number + "\n=" + tail);
        case JWT -> prefix + head + number + "In0." + tail + "s1gN4tuRe";
        default -> body;
      };
    }

    /** The credential in the words a diagnostic carries it in. */
    public String diagnostic(int n) {
      String secret = secret(n);
      return switch (this) {
        case GITHUB_CLASSIC -> "remote: Invalid username or token " + secret + " fatal: denied";
        case GITHUB_INSTALLATION -> "gh: HTTP 401: Bad credentials (" + secret + ")";
        case GITHUB_FINE_GRAINED -> "using credential '" + secret + "' for push";
        case OPENAI -> "HTTP 401: Incorrect API key provided: " + secret + ".";
        case ANTHROPIC -> "provider rejected key " + secret;
        case AWS_KEY_ID -> "InvalidClientTokenId (key " + secret + ", region eu-west-1)";
        case GOOGLE_API_KEY -> "[API Error: API key not valid: " + secret + "]";
        case SLACK_BOT -> "chat.postMessage failed with " + secret + ": invalid_auth";
        case SLACK_REFRESH -> "slack refresh " + secret + " was revoked";
        case BEARER_HEADER -> "GET /v1/models -> 401 (Authorization: Bearer " + secret + ")";
        case BEARER_BARE -> "retrying with Bearer " + secret + " after 429";
        case PASSWORD -> "connect failed DB_USER=claws password=" + secret + " host=db";
        case TOKEN -> "GET /hook?token=" + secret + "&page=2 -> 403";
        case SECRET -> "oauth: secret=" + secret + " rejected";
        case API_KEY -> "config api_key=" + secret + " invalid";
        case URL_CREDENTIALS ->
            "fatal: unable to access 'https://deploy:" + secret + "@git.example.com/acme/app.git/'";
        case RSA_PRIVATE_KEY, OPENSSH_PRIVATE_KEY, PGP_PRIVATE_KEY ->
            "wrote key: " + secret + " done";
        case JWT -> "session " + secret + " expired";
      };
    }

    private static String pem(String label, String body) {
      return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
    }
  }

  /**
   * Ordinary operator text that looks a little like a secret and must pass every sanitizer
   * unchanged: words next to key names, a documentation URL, a git sha, a UUID, a long sentence.
   */
  public static final List<String> ORDINARY =
      List.of(
          "token bucket refill at 40 per second",
          "password policy requires 12 characters",
          "see https://example.com/docs for the setup",
          "HEAD is now at 5e1d0c9a4b3f2e1d0c9a4b3f2e1d0c9a4b3f2e1d",
          "claw 9b2e4c1a-7d3f-4e5b-8a6c-0f1e2d3c4b5a is waiting for its repository",
          "the secretary approved the tokenizer change after a long and careful review of the"
              + " whole build",
          "max_tokens=4096 exceeded by the prompt");

  private SecretFamilies() {}

  /** The pieces whose presence anywhere proves a leak: every family's head and tail. */
  public static List<String> needles() {
    return java.util.Arrays.stream(Family.values())
        .flatMap(family -> java.util.stream.Stream.of(family.head, family.tail))
        .toList();
  }
}
