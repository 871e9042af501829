package io.clawops.support.rest;

import io.clawops.contracts.Digests;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether an {@code Authorization} header carries the API token. Both sides are hashed
 * first and compared with {@link MessageDigest#isEqual}, so the time taken reveals neither the
 * token nor its length. Without a configured token nothing is accepted.
 */
public final class BearerTokenCheck {

  private static final String SCHEME = "bearer ";

  private final Optional<byte[]> expected;

  public BearerTokenCheck(Optional<String> token) {
    this.expected = token.filter(t -> !t.isBlank()).map(BearerTokenCheck::digest);
  }

  /** True when a token is configured at all. */
  public boolean configured() {
    return expected.isPresent();
  }

  /** True when {@code authorization} is {@code Bearer <the configured token>}. */
  public boolean accepts(String authorization) {
    if (expected.isEmpty() || authorization == null || authorization.length() <= SCHEME.length()) {
      return false;
    }
    if (!authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    byte[] given = digest(authorization.substring(SCHEME.length()).strip());
    return MessageDigest.isEqual(expected.get(), given);
  }

  /** True when {@code token} (a bare token, as typed into the sign-in form) is the API token. */
  public boolean acceptsToken(String token) {
    if (expected.isEmpty() || token == null || token.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(expected.get(), digest(token.strip()));
  }

  private static byte[] digest(String token) {
    return HexFormat.of().parseHex(Digests.sha256(token));
  }
}
