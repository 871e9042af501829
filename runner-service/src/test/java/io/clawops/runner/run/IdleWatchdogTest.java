package io.clawops.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.Timeouts;
import org.junit.jupiter.api.Test;

class IdleWatchdogTest {

  private static final Timeouts LIMITS = new Timeouts(600, 2, 30, 10);

  @Test
  void shouldLeaveAnAgentAloneWithinIdleSeconds() {
    assertThat(IdleWatchdog.check(1_999, false, LIMITS)).isEmpty();
  }

  @Test
  void shouldStopAnAgentSilentPastIdleSeconds() {
    assertThat(IdleWatchdog.check(2_000, false, LIMITS))
        .contains("agent silent for 2s (idleSeconds)");
  }

  @Test
  void shouldGiveAPendingToolCallToolIdleSeconds() {
    assertThat(IdleWatchdog.check(29_000, true, LIMITS)).isEmpty();
    assertThat(IdleWatchdog.check(30_000, true, LIMITS))
        .hasValueSatisfying(message -> assertThat(message).contains("30s", "toolIdleSeconds"));
  }
}
