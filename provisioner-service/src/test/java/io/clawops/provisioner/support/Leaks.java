package io.clawops.provisioner.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.testkit.ConsumedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Assertions that a secret appears nowhere a person or another system could read it. */
public final class Leaks {

  /** The file the test profile logs to ({@code %test.quarkus.log.file.path}). */
  public static final Path LOG_FILE = Path.of("target/provisioner-test.log");

  private Leaks() {}

  /** No record, value or header, holds {@code secret}. */
  public static void assertNotInRecords(List<ConsumedRecord> records, String secret) {
    assertThat(records).isNotEmpty();
    assertThat(records)
        .allSatisfy(
            record -> {
              assertThat(String.valueOf(record.value())).doesNotContain(secret);
              assertThat(record.headers().values().toString()).doesNotContain(secret);
            });
  }

  /** The service's log holds no {@code secret}, but does mention {@code expectedMention}. */
  public static void assertNotInLog(String secret, String expectedMention) {
    String log = read(LOG_FILE);
    assertThat(log).contains(expectedMention).doesNotContain(secret);
  }

  /** No file under {@code root} holds {@code secret}. */
  public static void assertNotInFiles(Path root, String secret) {
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .forEach(file -> assertThat(read(file)).as("content of %s", file).doesNotContain(secret));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
