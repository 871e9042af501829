package io.clawops.e2e.fault;

import io.clawops.simagent.scenario.SecretFamilies;
import io.clawops.simagent.scenario.SecretFamilies.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches what ClawOps stored, published, answered and logged for any piece of a {@link
 * SecretFamilies} credential: each family's head and tail, so a whole value, a value without its
 * prefix and the half a cut left behind are all found. Reports where, which family, and the text
 * around the find, never the whole text.
 */
final class LeakScan {

  /** One find: the place (table, topic, response, log), the family and the text around it. */
  record Leak(String where, Family family, String context) {
    @Override
    public String toString() {
      return family + " in " + where + ": …" + context + "…";
    }
  }

  private final Map<String, Long> scannedChars = new LinkedHashMap<>();
  private final List<Leak> leaks = new ArrayList<>();

  /** Scans one text found at {@code where} (e.g. "table claw", "topic claw.status"). */
  void scan(String where, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    scannedChars.merge(where, (long) text.length(), Long::sum);
    for (Family family : Family.values()) {
      for (String needle : List.of(family.head, family.tail)) {
        int at = text.indexOf(needle);
        if (at >= 0) {
          int from = Math.max(0, at - 60);
          int to = Math.min(text.length(), at + needle.length() + 60);
          leaks.add(new Leak(where, family, text.substring(from, to).replace('\n', ' ')));
          break;
        }
      }
    }
  }

  List<Leak> leaks() {
    return leaks;
  }

  /** One line per place and family found there: how often, and the first find's context. */
  List<String> report() {
    Map<String, List<Leak>> byPlace = new java.util.TreeMap<>();
    leaks.forEach(
        leak ->
            byPlace
                .computeIfAbsent(leak.where() + " / " + leak.family(), key -> new ArrayList<>())
                .add(leak));
    List<String> lines = new ArrayList<>();
    byPlace.forEach(
        (place, found) ->
            lines.add(found.size() + "x " + place + ": …" + found.get(0).context() + "…"));
    return lines;
  }

  /** Characters scanned per place, to show the scan covered something everywhere. */
  Map<String, Long> scannedChars() {
    return scannedChars;
  }
}
