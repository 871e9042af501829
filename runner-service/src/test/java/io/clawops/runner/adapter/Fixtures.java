package io.clawops.runner.adapter;

import io.clawops.contracts.message.RunEvent;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.Translation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Replays a recorded stdout of a real agent CLI through an adapter. */
final class Fixtures {

  private Fixtures() {}

  /** Every translation of the recorded lines, events numbered from 1 as a run would. */
  static List<Translation> replay(AgentAdapter adapter, String resource) {
    List<Translation> all = new ArrayList<>();
    long seq = 1;
    for (String line : lines(resource)) {
      List<Translation> translations = adapter.translateLine(line, seq);
      seq += translations.stream().filter(Translation.Event.class::isInstance).count();
      all.addAll(translations);
    }
    return all;
  }

  static List<RunEvent> events(List<Translation> translations) {
    return translations.stream()
        .filter(Translation.Event.class::isInstance)
        .map(translation -> ((Translation.Event) translation).event())
        .toList();
  }

  static List<String> lines(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/adapters/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
