package io.clawops.contracts.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an instant exactly as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction of a
 * second in groups of three digits, none when whole), by hand for the years 0 to 9999: the general
 * formatter of java.time costs more than the rest of a small record together. Every other year goes
 * to {@link Instant#toString()}.
 */
public final class UtcTimestamps {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private UtcTimestamps() {}

  /** {@code instant} as {@link Instant#toString()} writes it. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
      return instant.toString();
    }
    char[] out = new char[30];
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    int length = 19;
    int nanos = instant.getNano();
    if (nanos != 0) {
      out[length++] = '.';
      if (nanos % 1_000_000 == 0) {
        put(out, length, nanos / 1_000_000, 3);
        length += 3;
      } else if (nanos % 1_000 == 0) {
        put(out, length, nanos / 1_000, 6);
        length += 6;
      } else {
        put(out, length, nanos, 9);
        length += 9;
      }
    }
    out[length++] = 'Z';
    return new String(out, 0, length);
  }

  /** A Jackson module that writes every {@link Instant} with {@link #format}. */
  public static SimpleModule module() {
    return new SimpleModule("clawops-utc-timestamps").addSerializer(Instant.class, SERIALIZER);
  }

  private static final StdSerializer<Instant> SERIALIZER =
      new StdSerializer<>(Instant.class) {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
          gen.writeString(format(value));
        }
      };

  /** {@code value} as {@code digits} decimal digits, zero-padded, at {@code at}. */
  private static void put(char[] out, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
