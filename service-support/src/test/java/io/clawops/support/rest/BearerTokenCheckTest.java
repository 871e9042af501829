package io.clawops.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenCheckTest {

  private final BearerTokenCheck check = new BearerTokenCheck(Optional.of("s3cret-token"));

  @Test
  void shouldAcceptExactlyTheConfiguredToken() {
    assertThat(check.accepts("Bearer s3cret-token")).isTrue();
    assertThat(check.accepts("BEARER s3cret-token")).isTrue();
    assertThat(check.accepts("Bearer s3cret-toke")).isFalse();
    assertThat(check.accepts("Bearer s3cret-token2")).isFalse();
    assertThat(check.accepts("Basic s3cret-token")).isFalse();
    assertThat(check.accepts("s3cret-token")).isFalse();
    assertThat(check.accepts(null)).isFalse();
  }

  @Test
  void shouldRefuseEverythingWhenNoTokenIsConfigured() {
    for (Optional<String> token : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
      BearerTokenCheck unconfigured = new BearerTokenCheck(token);

      assertThat(unconfigured.configured()).isFalse();
      assertThat(unconfigured.accepts("Bearer ")).isFalse();
      assertThat(unconfigured.accepts("Bearer  ")).isFalse();
      assertThat(unconfigured.accepts("Bearer anything")).isFalse();
    }
  }
}
