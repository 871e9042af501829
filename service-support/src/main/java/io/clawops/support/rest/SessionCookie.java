package io.clawops.support.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser session that the operator page gets in exchange for the API token: a cookie value
 * {@code <expiry epoch seconds>.<HMAC-SHA256 of the expiry, keyed by the token>}. It holds no state
 * on the server, so it survives restarts and works on every instance, never contains the token, and
 * stops working when the token changes. The signature is compared in constant time.
 */
public final class SessionCookie {

  /** The cookie's name. */
  public static final String NAME = "clawops_session";

  /** How long a session lasts after sign-in. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private static final String ALGORITHM = "HmacSHA256";

  private final Optional<SecretKeySpec> key;

  public SessionCookie(Optional<String> token) {
    this.key =
        token
            .filter(t -> !t.isBlank())
            .map(t -> new SecretKeySpec(t.getBytes(StandardCharsets.UTF_8), ALGORITHM));
  }

  /** A session value that expires at {@code expiresAt}; empty when no token is configured. */
  public Optional<String> issue(Instant expiresAt) {
    return key.map(k -> expiresAt.getEpochSecond() + "." + sign(k, expiresAt.getEpochSecond()));
  }

  /** True when {@code value} was issued with the configured token and has not expired. */
  public boolean accepts(String value, Instant now) {
    if (key.isEmpty() || value == null) {
      return false;
    }
    int dot = value.indexOf('.');
    if (dot <= 0 || dot > 19) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(value.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = sign(key.get(), expiry).getBytes(StandardCharsets.US_ASCII);
    byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    // Both sides are checked before deciding, so an expired session costs the same time.
    boolean signed = MessageDigest.isEqual(expected, given);
    return signed && now.getEpochSecond() < expiry;
  }

  private static String sign(SecretKeySpec key, long expiry) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] signature =
          mac.doFinal(("clawops-session|" + expiry).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM provides " + ALGORITHM, e);
    }
  }
}
