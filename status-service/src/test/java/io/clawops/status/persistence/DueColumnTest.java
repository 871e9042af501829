package io.clawops.status.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The due time a claw's row keeps, and when it takes the timers' own (DESIGN §9). */
class DueColumnTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        // stored, due, written: why
        Arguments.of(null, at(30), at(30), "nothing stored yet: the timers' due time"),
        Arguments.of(at(20), at(30), at(20), "nearer to due than to now: kept"),
        Arguments.of(at(30), at(30), at(30), "the same time: kept"),
        Arguments.of(at(16), at(30), at(16), "just past the midpoint: kept"),
        Arguments.of(at(15), at(30), at(30), "halfway from now to due: the due time"),
        Arguments.of(at(10), at(30), at(30), "nearer to now: the due time, before the sweeper"),
        Arguments.of(at(40), at(30), at(30), "later than due: the earlier due time"),
        Arguments.of(at(0), at(30), at(30), "due now: the due time"),
        Arguments.of(at(-5), at(30), at(30), "past: the timers' due time"),
        Arguments.of(at(20), null, null, "no timer runs any more: none"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("cases")
  void shouldKeepTheStoredDueTimeOnlyWhileItIsNearerToDueThanToNowAndNotLate(
      Instant stored, Instant due, Instant written, String why) {
    assertThat(ClawUnitOfWork.dueColumn(stored, due, NOW)).isEqualTo(written);
  }

  private static Instant at(int seconds) {
    return NOW.plusSeconds(seconds);
  }
}
