package io.clawops.status.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.agroal.api.AgroalDataSource;
import io.clawops.status.claw.TimelineEntry;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The timeline is stored in chunks (V10): lines read back exactly as written and in order, through
 * the REST read ({@link ClawQueries#timeline}) and the {@code claw_timeline} view, and a prune
 * keeps the newest chunks that hold the limit.
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class TimelineChunksTest {

  private static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456Z");

  /** Texts JSON, the COPY text format or both treat specially. */
  private static final List<String> TRICKY =
      List.of(
          "a \"quoted\" word",
          "back\\slash and a literal \\N and \\u0041",
          "tab\there, two\nlines\r\n",
          "bell \u0007 and unit separator \u001f",
          "ümlaut and emoji \uD83E\uDD80",
          "",
          "\\.",
          "[\"not\", \"an array\"]");

  @Inject AgroalDataSource dataSource;
  @Inject ClawQueries queries;

  @Test
  void shouldReadEveryLineBackAsWrittenInOrderWhateverItsText() throws SQLException {
    UUID clawId = UUID.randomUUID();
    List<TimelineEntry> lines = lines(120);
    List<ClawUnitOfWork.Chunk> chunks = ClawUnitOfWork.chunks(lines);
    assertThat(chunks).extracting(ClawUnitOfWork.Chunk::lineCount).containsExactly(50, 50, 20);
    append(clawId, chunks);

    assertThat(viewLines(clawId)).isEqualTo(lines);
    for (int limit : new int[] {1, 19, 20, 21, 70, 71, 119, 120, 200}) {
      assertThat(queries.timeline(clawId, limit))
          .as("the newest %d lines", limit)
          .isEqualTo(lines.subList(Math.max(0, lines.size() - limit), lines.size()));
    }
  }

  @Test
  void shouldWriteATextWholeExactlyWhenJacksonsEncoderWouldLeaveItAsItIs() {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String text = "a" + (char) c + "b";
      boolean unchanged = new String(encoder.quoteAsString(text)).equals(text);
      assertThat(ClawUnitOfWork.needsEscape(text)).as("U+%04X", c).isEqualTo(!unchanged);
    }
  }

  @Test
  void shouldCloseAChunkOfLongLinesBeforeItOutgrowsItsRow() {
    String summary = "x".repeat(1_000);
    List<TimelineEntry> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(new TimelineEntry(AT.plusSeconds(i), "run.tool_use", summary, 1, false));
    }
    List<ClawUnitOfWork.Chunk> chunks = ClawUnitOfWork.chunks(lines);
    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks).allSatisfy(c -> assertThat(c.json().length()).isLessThan(8_000));
    assertThat(chunks.stream().mapToInt(ClawUnitOfWork.Chunk::lineCount).sum()).isEqualTo(20);
  }

  @Test
  void shouldPruneToTheNewestChunksThatHoldTheLimitAndLeaveShortTimelinesWhole()
      throws SQLException {
    UUID chatty = UUID.randomUUID();
    UUID quiet = UUID.randomUUID();
    List<TimelineEntry> chattyLines = new ArrayList<>();
    // 86 writes of 7 lines each: 602 lines.
    for (int write = 0; write < 86; write++) {
      List<TimelineEntry> some = lines(7);
      chattyLines.addAll(some);
      append(chatty, ClawUnitOfWork.chunks(some));
    }
    List<TimelineEntry> quietLines = lines(30);
    append(quiet, ClawUnitOfWork.chunks(quietLines));

    try (Connection connection = dataSource.getConnection()) {
      ClawUnitOfWork.pruneTimelines(connection, 500, List.of(chatty, quiet));
    }

    // The newest 72 chunks hold 504 lines, the first to reach 500.
    List<TimelineEntry> kept = viewLines(chatty);
    assertThat(kept).isEqualTo(chattyLines.subList(602 - 504, 602));
    assertThat(queries.timeline(chatty, 200)).isEqualTo(chattyLines.subList(402, 602));
    assertThat(viewLines(quiet)).isEqualTo(quietLines);
  }

  @Test
  void shouldTakeTheLinesAndThePruneOfAnInstanceThatStillWritesLinesOneByOne() throws SQLException {
    UUID clawId = UUID.randomUUID();
    List<TimelineEntry> lines = lines(12);
    CopyRows rows = new CopyRows();
    for (TimelineEntry line : lines) {
      rows.uuid(clawId)
          .timestamp(line.at())
          .text(line.type())
          .text(line.summary())
          .integer(line.attempt())
          .bool(line.stale())
          .endRow();
    }
    try (Connection connection = dataSource.getConnection()) {
      // What the version before V10 copies, word for word, during a rolling upgrade (V10_1).
      rows.copy(
          connection, "COPY claw_timeline (claw_id, at, type, summary, attempt, stale) FROM STDIN");
    }
    assertThat(viewLines(clawId)).isEqualTo(lines);
    assertThat(queries.timeline(clawId, 5)).isEqualTo(lines.subList(7, 12));

    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                // Its prune, word for word: keep the newest 10.
                "DELETE FROM claw_timeline t USING (SELECT c.id AS claw_id, (SELECT id FROM"
                    + " claw_timeline WHERE claw_id = c.id ORDER BY id DESC OFFSET ? LIMIT 1)"
                    + " AS cutoff FROM unnest(?::uuid[]) AS c(id)) p"
                    + " WHERE t.claw_id = p.claw_id AND t.id <= p.cutoff")) {
      delete.setInt(1, 10);
      delete.setArray(2, connection.createArrayOf("uuid", new Object[] {clawId}));
      assertThat(delete.executeUpdate()).isEqualTo(2);
    }
    assertThat(viewLines(clawId)).isEqualTo(lines.subList(2, 12));
  }

  /** {@code n} lines with distinct times, each text of {@link #TRICKY} in turn. */
  private static List<TimelineEntry> lines(int n) {
    List<TimelineEntry> lines = new ArrayList<>();
    UUID tag = UUID.randomUUID();
    for (int i = 0; i < n; i++) {
      lines.add(
          new TimelineEntry(
              AT.plusMillis(i),
              i % 3 == 0 ? "run.tool_use" : "status.changed",
              TRICKY.get(i % TRICKY.size()) + " #" + i + " " + tag,
              i % 4,
              i % 5 == 0));
    }
    return lines;
  }

  private void append(UUID clawId, List<ClawUnitOfWork.Chunk> chunks) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      ClawUnitOfWork.appendChunks(connection, Collections.nCopies(chunks.size(), clawId), chunks);
    }
  }

  /** The claw's lines through the {@code claw_timeline} view, in its id order. */
  private List<TimelineEntry> viewLines(UUID clawId) throws SQLException {
    List<TimelineEntry> lines = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT at, type, summary, attempt, stale FROM claw_timeline WHERE claw_id = ?"
                    + " ORDER BY id")) {
      select.setObject(1, clawId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          lines.add(ClawQueries.timelineEntry(rows));
        }
      }
    }
    return lines;
  }
}
