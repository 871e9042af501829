package io.clawops.runner.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  @Test
  void shouldSplitLinesAndDropTheirTerminators() throws IOException {
    assertThat(read("one\r\ntwo\n\nthree", 100))
        .containsExactly(
            new BoundedLineReader.Line("one", false),
            new BoundedLineReader.Line("two", false),
            new BoundedLineReader.Line("", false),
            new BoundedLineReader.Line("three", false));
  }

  @Test
  void shouldCutAnOversizedLineAndCarryOnWithTheNext() throws IOException {
    String huge = "x".repeat(50_000);

    List<BoundedLineReader.Line> lines = read(huge + "\n{\"type\":\"text\"}\n", 1_000);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).text()).hasSize(1_000);
    assertThat(lines.get(0).cut()).isTrue();
    assertThat(lines.get(1)).isEqualTo(new BoundedLineReader.Line("{\"type\":\"text\"}", false));
  }

  private static List<BoundedLineReader.Line> read(String text, int max) throws IOException {
    BoundedLineReader reader =
        new BoundedLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    List<BoundedLineReader.Line> lines = new ArrayList<>();
    for (var line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }
}
