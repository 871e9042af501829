package io.clawops.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written reader of UTC timestamps agrees with java.time's, or leaves the text to it. */
class UtcInstantTest {

  @Test
  void shouldReadEveryPrecisionInstantWritesExactlyAsJavaTimeDoes() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      // Years 1 to 9999.
      Instant instant = RandomInstants.next(random, i, -62_135_596_800L, 253_402_300_799L);
      String text = instant.toString();
      assertThat(WireScalars.utcInstant(text)).as(text).isEqualTo(instant);
    }
  }

  @Test
  void shouldReadAnyNumberOfFractionDigitsFromOneToNine() {
    for (String text :
        List.of(
            "2026-12-02T10:15:30.1Z",
            "2026-12-02T10:15:30.12Z",
            "2026-12-02T10:15:30.1234Z",
            "2026-12-02T10:15:30.12345Z",
            "2026-12-02T10:15:30.1234567Z",
            "2026-12-02T10:15:30.12345678Z",
            "2026-12-02T10:15:30.000000001Z")) {
      assertThat(WireScalars.utcInstant(text))
          .as(text)
          .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void shouldLeaveEveryOtherShapeToTheGeneralParser() {
    for (String text :
        List.of(
            "2026-12-02T10:15:30.Z",
            "2026-12-02T10:15:30.1234567890Z",
            "2026-12-02T10:15:30+01:00",
            "2026-12-02T10:15:30.5+01:00",
            "2026-12-02t10:15:30Z",
            "2026-12-02T10:15:3xZ",
            "2026-02-30T10:15:30Z",
            "2026-12-02T24:00:00Z",
            "2026-12-02T10:15:30.12a4Z",
            "+12026-12-02T10:15:30Z",
            "")) {
      assertThat(WireScalars.utcInstant(text)).as(text).isNull();
    }
  }
}
