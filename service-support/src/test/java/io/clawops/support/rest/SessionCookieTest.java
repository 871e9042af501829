package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private final SessionCookie sessions = new SessionCookie(Optional.of("s3cret-token"));

  @Test
  void shouldAcceptItsOwnSessionUntilItExpires() {
    String value = sessions.issue(NOW.plus(Duration.ofHours(1))).orElseThrow();

    assertThat(value).doesNotContain("s3cret-token");
    assertThat(sessions.accepts(value, NOW)).isTrue();
    assertThat(sessions.accepts(value, NOW.plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void shouldRefuseAnExtendedExpiryOrAForeignSignature() {
    String value = sessions.issue(NOW.plus(Duration.ofHours(1))).orElseThrow();
    String signature = value.substring(value.indexOf('.') + 1);
    long later = NOW.plus(Duration.ofDays(30)).getEpochSecond();

    assertThat(sessions.accepts(later + "." + signature, NOW)).isFalse();
    assertThat(new SessionCookie(Optional.of("another-token")).accepts(value, NOW)).isFalse();
  }

  @Test
  void shouldRefuseMalformedValuesAndEverythingWithoutAToken() {
    for (String value :
        new String[] {"", ".", "abc", "x.y", "1.", ".sig", "99999999999999999999.x"}) {
      assertThat(sessions.accepts(value, NOW)).as(value).isFalse();
    }
    assertThat(sessions.accepts(null, NOW)).isFalse();
    SessionCookie none = new SessionCookie(Optional.empty());
    assertThat(none.issue(NOW.plusSeconds(60))).isEmpty();
    assertThat(none.accepts(sessions.issue(NOW.plusSeconds(60)).orElseThrow(), NOW)).isFalse();
  }
}
