package io.clawops.e2e.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of every fault case run in this JVM, printed as one table after each case (the last
 * print holds them all) and written to target/e2e/fault-table.md for the README.
 */
final class FaultTable {

  /**
   * One case's figures: records it sent, records the system applied, applied twice, sent to
   * claw.dlq, lost (sent, neither applied nor dead-lettered), and the time until the system
   * answered again after the fault ("-" when the fault stops nothing).
   */
  record Row(
      String fault,
      long sent,
      long applied,
      long duplicated,
      long deadLettered,
      long lost,
      String recovery) {}

  private static final List<Row> ROWS = new ArrayList<>();

  private FaultTable() {}

  /** Adds a row and prints the whole table. */
  static synchronized void add(Row row) {
    ROWS.add(row);
    String table = render();
    System.out.println("\nWhat ClawOps survived in this run:\n" + table);
    Path file = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"), "fault-table.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String render() {
    StringBuilder out =
        new StringBuilder(
            "| fault | events sent | applied | duplicated | dead-lettered | lost | time to recover |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : ROWS) {
      out.append("| ")
          .append(row.fault())
          .append(" | ")
          .append(row.sent())
          .append(" | ")
          .append(row.applied())
          .append(" | ")
          .append(row.duplicated())
          .append(" | ")
          .append(row.deadLettered())
          .append(" | ")
          .append(row.lost())
          .append(" | ")
          .append(row.recovery())
          .append(" |\n");
    }
    return out.toString();
  }
}
