package io.clawops.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants are written exactly as java.time writes them, whichever way they are written. */
class UtcTimestampsTest {

  private static final ObjectMapper JAVA_TIME =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  @Test
  void shouldWriteEveryInstantAsInstantToStringDoes() throws Exception {
    Random random = new Random(5);
    for (int i = 0; i < 50_000; i++) {
      Instant instant =
          RandomInstants.next(random, i, -62_167_219_200L - 100_000, 253_402_300_799L + 100_000);
      assertThat(UtcTimestamps.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void shouldWriteTheEdgesOfItsRangeAndBeyondAsInstantToStringDoes() {
    for (Instant instant :
        List.of(
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.EPOCH,
            Instant.ofEpochSecond(-1, 1),
            Instant.MIN,
            Instant.MAX)) {
      assertThat(UtcTimestamps.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void shouldWriteAsJavaTimeModuleInTheCodecsMapper() throws Exception {
    record Stamped(Instant at, List<Instant> more) {}
    Stamped value =
        new Stamped(
            Instant.parse("2026-12-02T10:15:30.123456Z"),
            List.of(Instant.parse("2026-12-02T10:15:30Z"), Instant.ofEpochSecond(7, 5)));
    assertThat(EnvelopeCodec.mapper().writeValueAsString(value))
        .isEqualTo(JAVA_TIME.writeValueAsString(value));
  }
}
