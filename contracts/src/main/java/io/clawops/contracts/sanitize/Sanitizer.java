package io.clawops.contracts.sanitize;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one sanitizer every free text passes before it is persisted, logged, published or served
 * (DESIGN §8, F10): it redacts secrets, flattens the text to one line and caps its length.
 *
 * <p>Order matters: invisible and control characters go first (so they cannot split a secret away
 * from its pattern), then secrets are redacted, and only then is the text cut, so a cut never
 * leaves the visible half of a secret. The result is idempotent: sanitizing it again changes
 * nothing. Every pattern avoids repeated groups and unbounded nested quantifiers, so a 1 MB input
 * takes linear time and cannot overflow the regex engine's stack.
 */
public final class Sanitizer {

  /** Default cap for free text (log lines, hub messages). */
  public static final int MAX_LENGTH = 2000;

  /** Cap for operator-facing messages ({@code message}, {@code errorSummary}). */
  public static final int MESSAGE_MAX = 300;

  /** Cap for short summaries ({@code inputSummary}). */
  public static final int SUMMARY_MAX = 200;

  /** What replaces a secret; key=value forms keep their key: {@code password=[REDACTED]}. */
  public static final String REDACTED = "[REDACTED]";

  private static final String ELLIPSIS = "…";

  // ANSI CSI, OSC and two-character escape sequences are styling, not separators: removed, so
  // "\e[31mERROR\e[0m:" reads "ERROR:" and a colour code cannot split a secret either.
  private static final Pattern ANSI =
      Pattern.compile(
          "\\x1B\\[[0-?]*[ -/]*[@-~]|\\x1B\\][^\\x07\\x1B]{0,512}(?:\\x07|\\x1B\\\\)?|\\x1B[@-_]");

  /** The literal starts of the token families below. */
  private static final List<String> TOKEN_PREFIXES =
      List.of(
          "ghp_",
          "gho_",
          "ghu_",
          "ghs_",
          "ghr_",
          "github_pat_",
          "sk-",
          "AKIA",
          "ASIA",
          "AIza",
          "xox",
          "xapp-",
          "eyJ");

  /**
   * A word every secret-ish key of the key=value rule contains (lowercase, matched in any case).
   */
  private static final List<String> KEY_WORDS =
      List.of("pass", "secret", "token", "key", "credential");

  private static final List<Redaction> REDACTIONS =
      List.of(
          // PEM and PGP private keys ("PRIVATE KEY BLOCK"), also a block cut off before its END.
          whole(
                  "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
                      + "(?:.*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|.*)",
                  Pattern.DOTALL)
              .onlyWith(text -> text.contains("-----BEGIN ")),
          // https://user:pass@host and https://token@host keep scheme and host.
          new Redaction(
                  Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,20}://)[^/\\s@?#]++@"),
                  m -> m.group(1) + "***@")
              .onlyWith(text -> text.indexOf('@') >= 0 && text.contains("://")),
          // Authorization headers of any scheme (Bearer, Basic, token). The scheme goes too: a
          // cut inside it ("Authorization: Bea…") must not read as a fresh credential later.
          valueAfter(
                  "(?i)(authorization[\"']? *[=:] *[\"']?)"
                      + "((?:(?:bearer|basic|token|bot) +)?[^\\s\"',;()<>\\x{2026}]+)")
              .onlyWith(text -> containsIgnoringCase(text, "authorization")),
          // A bare "Bearer <token>"; the token must hold a digit or symbol so prose such as
          // "Bearer authentication" stays readable.
          valueAfter("(?i)\\b(bearer +)(?=[\\w.~+/=-]*[0-9.~+/=-])([\\w.~+/=-]{8,})")
              .onlyWith(text -> containsIgnoringCase(text, "bearer")),
          // Token families with a recognisable prefix, in one pattern because every extra pass
          // over a megabyte costs more than the alternation.
          whole(
                  "(?<![A-Za-z0-9])(?:"
                      // GitHub classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained tokens.
                      + "gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\\w{20,}"
                      // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-) keys.
                      + "|sk-[\\w-]{20,}"
                      // AWS access key ids. No trailing boundary on purpose: a trailing check could
                      // start to match after a cut, which would break idempotence.
                      + "|(?:AKIA|ASIA)[A-Z0-9]{16,}"
                      // Google API keys (Gemini, Maps, Firebase): AIza and 35 URL-safe characters.
                      + "|AIza[0-9A-Za-z_-]{35,}"
                      // Slack bot, user, app-level, refresh (xoxr, and xoxe of rotating tokens) and
                      // legacy tokens.
                      + "|(?:xox[abprse]|xapp)-[A-Za-z0-9-]{10,}"
                      // JSON Web Tokens.
                      + "|eyJ[\\w-]{8,}\\.[\\w-]{8,}\\.[\\w-]{8,})",
                  0)
              .onlyWith(Sanitizer::mayHoldPrefixedToken),
          // key=value / key: value / "key": "value" where the key ends with a secret-ish word;
          // the key is kept so the operator still sees which setting was involved.
          keyValue().onlyWith(Sanitizer::mayHoldKeyValue));

  private Sanitizer() {}

  /** Sanitizes {@code text} and caps it to {@link #MAX_LENGTH}; null stays null. */
  public static String sanitize(String text) {
    return sanitize(text, MAX_LENGTH);
  }

  /**
   * Sanitizes {@code text} and caps it to {@code maxLength} characters, the last of which is {@code
   * …} when the text was cut; null stays null.
   */
  public static String sanitize(String text, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be positive");
    }
    if (text == null) {
      return null;
    }
    String flat = flatten(text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll(""));
    for (Redaction redaction : REDACTIONS) {
      flat = redaction.apply(flat);
    }
    return cap(flat, maxLength);
  }

  /**
   * Redacts secrets and changes nothing else: line breaks, layout and length stay, for texts that
   * must keep their shape (a prompt the agent reads, the value of a dead letter). Zero-width and
   * bidi-control characters are removed first, as in {@link #sanitize(String, int)}, so they cannot
   * hide a secret; null stays null.
   */
  public static String redactSecrets(String text) {
    if (text == null) {
      return null;
    }
    String visible = text;
    if (text.chars().anyMatch(c -> isInvisible((char) c))) {
      StringBuilder kept = new StringBuilder(text.length());
      text.chars().filter(c -> !isInvisible((char) c)).forEach(c -> kept.append((char) c));
      visible = kept.toString();
    }
    for (Redaction redaction : REDACTIONS) {
      visible = redaction.apply(visible);
    }
    return visible;
  }

  /**
   * Messages are one-liners for operators: every run of CR, LF, TAB and other C0/C1 controls
   * becomes one space. Zero-width and bidi-control characters are removed instead, since they can
   * hide a secret from the patterns ("gh&lt;ZWSP&gt;p_…") or reorder what an operator sees. A loop,
   * not a regex, because this runs over every character of every text.
   */
  private static String flatten(String text) {
    StringBuilder flat = new StringBuilder(text.length());
    boolean inControlRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isInvisible(c)) {
        continue;
      }
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
      if (control && !inControlRun) {
        flat.append(' ');
      } else if (!control) {
        flat.append(c);
      }
      inControlRun = control;
    }
    return flat.toString().strip();
  }

  private static boolean isInvisible(char c) {
    return (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u2069')
        || c == '\uFEFF';
  }

  private static String cap(String text, int maxLength) {
    if (text.length() <= maxLength) {
      return text;
    }
    int cut = maxLength - ELLIPSIS.length();
    // Never cut inside a marker: "[REDAC…" would look like a new value to the key=value rule.
    int marker = text.lastIndexOf(REDACTED, cut - 1);
    if (marker >= 0 && marker + REDACTED.length() > cut) {
      cut = marker;
    }
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut).stripTrailing() + ELLIPSIS;
  }

  private static Redaction whole(String regex, int flags) {
    return new Redaction(Pattern.compile(regex, flags), m -> REDACTED);
  }

  /** Keeps group 1 (the key or scheme) and redacts group 2 unless it already is the marker. */
  private static Redaction valueAfter(String regex) {
    return new Redaction(
        Pattern.compile(regex),
        m -> m.group(2).startsWith(REDACTED) ? m.group() : m.group(1) + REDACTED);
  }

  private static Redaction keyValue() {
    Pattern pattern =
        Pattern.compile(
            "(?i)((?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key"
                + "|private[_-]?key|credentials?)"
                // Suffixes joined by _ or - count (SECRET_KEY_BASE, token_value); letters or dots
                // glued to the word do not, so "tokenizer=" or "token.go:12:" stay untouched.
                + "(?:[_-][A-Za-z0-9]{1,20}){0,3}[\"']? *[=:] *)"
                + "(\"[^\"]{1,1024}\"|'[^']{1,1024}'|[\"']?[^\\s\"'&,;<>\\x{2026}]+)");
    return new Redaction(
        pattern,
        m -> {
          String value = m.group(2);
          char first = value.charAt(0);
          boolean quoted = first == '"' || first == '\'';
          String unquoted = quoted ? value.substring(1) : value;
          if (unquoted.startsWith(REDACTED)) {
            return m.group();
          }
          String quote = quoted ? String.valueOf(first) : "";
          boolean closed = quoted && value.length() > 1 && value.endsWith(quote);
          return m.group(1) + quote + REDACTED + (closed ? quote : "");
        });
  }

  /**
   * Whether {@code text} holds one of the literal prefixes the token-family pattern starts with: a
   * text without any cannot match it.
   */
  private static boolean mayHoldPrefixedToken(String text) {
    for (String prefix : TOKEN_PREFIXES) {
      if (text.contains(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} holds a {@code =} or {@code :} and one of the words every secret-ish key
   * of the key=value pattern contains: a text without them cannot match it.
   */
  private static boolean mayHoldKeyValue(String text) {
    if (text.indexOf('=') < 0 && text.indexOf(':') < 0) {
      return false;
    }
    for (String word : KEY_WORDS) {
      if (containsIgnoringCase(text, word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} holds the lowercase ASCII {@code word} in any case, as the patterns'
   * {@code (?i)} (ASCII case-insensitive) matching reads it.
   */
  static boolean containsIgnoringCase(String text, String word) {
    int last = text.length() - word.length();
    char first = word.charAt(0);
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == first - 32) && text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * One secret pattern, how a match is rewritten, and a cheap test that is true for every text the
   * pattern can match (false means the pattern is not run at all).
   */
  private record Redaction(
      Pattern pattern, Function<MatchResult, String> rewrite, Predicate<String> mayMatch) {

    /** A pattern run on every text. */
    Redaction(Pattern pattern, Function<MatchResult, String> rewrite) {
      this(pattern, rewrite, text -> true);
    }

    Redaction onlyWith(Predicate<String> necessary) {
      return new Redaction(pattern, rewrite, necessary);
    }

    String apply(String text) {
      if (!mayMatch.test(text)) {
        return text;
      }
      Matcher matcher = pattern.matcher(text);
      return matcher.replaceAll(m -> Matcher.quoteReplacement(rewrite.apply(m)));
    }
  }
}
