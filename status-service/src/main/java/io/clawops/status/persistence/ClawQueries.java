package io.clawops.status.persistence;

import io.agroal.api.AgroalDataSource;
import io.clawops.status.claw.ClawDocuments;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The read side the REST API serves from: one claw, a filtered page of claws, a timeline. */
@ApplicationScoped
public class ClawQueries {

  /** A page of claws and the cursor of the next page (null on the last). */
  public record Page(List<ClawState> items, Cursor next) {}

  /** Position after the last claw of a page, in (createdAt, clawId) descending order. */
  public record Cursor(Instant createdAt, UUID clawId) {}

  /**
   * Filters of the list, each null when not applied. {@code stuckSince}: only claws still moving
   * ({@link #MOVING}) that entered their status before that time.
   */
  public record Filter(String status, String workflowRunId, String runnerId, Instant stuckSince) {}

  /** The statuses of a claw that is still on its way, as stored in the status column. */
  public static final List<String> MOVING =
      List.of("provisioning", "ready", "running", "recovering", "offline");

  @Inject AgroalDataSource dataSource;

  /** The stored snapshot of a claw, or null. */
  public ClawSnapshot snapshot(UUID clawId) {
    try (Connection connection = dataSource.getConnection()) {
      return ClawRepository.find(connection, clawId);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read claw " + clawId, e);
    }
  }

  public ClawState find(UUID clawId) {
    try (Connection connection = dataSource.getConnection()) {
      ClawSnapshot snapshot = ClawRepository.find(connection, clawId);
      return snapshot == null ? null : snapshot.state();
    } catch (SQLException e) {
      throw new IllegalStateException("could not read claw " + clawId, e);
    }
  }

  /** Newest first, optionally filtered by stored status and workflow run. */
  public Page list(String status, String workflowRunId, int limit, Cursor after) {
    return list(new Filter(status, workflowRunId, null, null), limit, after);
  }

  /** Newest first, filtered. */
  public Page list(Filter filter, int limit, Cursor after) {
    StringBuilder sql = new StringBuilder("SELECT state, created_at, claw_id FROM claw WHERE true");
    List<Object> args = new ArrayList<>();
    where(filter, true, sql, args);
    if (after != null) {
      sql.append(" AND (created_at, claw_id) < (?, ?)");
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.clawId());
    }
    sql.append(" ORDER BY created_at DESC, claw_id DESC LIMIT ?");
    args.add(limit + 1);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      List<ClawState> items = new ArrayList<>();
      Cursor next = null;
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if (items.size() == limit) {
            ClawState last = items.get(items.size() - 1);
            next = new Cursor(last.createdAt, last.clawId);
            break;
          }
          items.add(ClawDocuments.read(rows.getString(1)));
        }
      }
      return new Page(items, next);
    } catch (SQLException e) {
      throw new IllegalStateException("could not list claws", e);
    }
  }

  /** How many claws have each stored status, under every filter but the status. */
  public Map<String, Long> counts(Filter filter) {
    StringBuilder sql = new StringBuilder("SELECT status, count(*) FROM claw WHERE true");
    List<Object> args = new ArrayList<>();
    where(filter, false, sql, args);
    sql.append(" GROUP BY status");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      Map<String, Long> counts = new TreeMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("could not count claws", e);
    }
  }

  private static void where(
      Filter filter, boolean withStatus, StringBuilder sql, List<Object> args) {
    if (withStatus && filter.status() != null) {
      sql.append(" AND status = ?");
      args.add(filter.status());
    }
    if (filter.workflowRunId() != null) {
      sql.append(" AND workflow_run_id = ?");
      args.add(filter.workflowRunId());
    }
    if (filter.runnerId() != null) {
      // The runner of the current (last) attempt, a column the fold writes with the document.
      sql.append(" AND runner_id = ?");
      args.add(filter.runnerId());
    }
    if (filter.stuckSince() != null) {
      sql.append(" AND status = ANY(?) AND status_since < ?");
      args.add(MOVING.toArray(new String[0]));
      args.add(Timestamp.from(filter.stuckSince()));
    }
  }

  /**
   * The newest {@code limit} timeline entries of a claw, oldest first, whether or not its claw row
   * exists (the REST read asks {@link #timelineOfClaw}).
   */
  List<TimelineEntry> timeline(UUID clawId, int limit) {
    try (Connection connection = dataSource.getConnection()) {
      return timeline(connection, clawId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the timeline of claw " + clawId, e);
    }
  }

  /**
   * The newest {@code limit} timeline entries of a claw, oldest first; empty when there is no such
   * claw. One connection, and the claw's document is neither read nor parsed: a client that polls a
   * timeline costs the two index lookups it needs.
   */
  public Optional<List<TimelineEntry>> timelineOfClaw(UUID clawId, int limit) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM claw WHERE claw_id = ?")) {
        exists.setObject(1, clawId);
        try (ResultSet row = exists.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
        }
      }
      return Optional.of(timeline(connection, clawId, limit));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the timeline of claw " + clawId, e);
    }
  }

  private static List<TimelineEntry> timeline(Connection connection, UUID clawId, int limit)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            // The newest chunks hold the newest lines, each chunk at least one: at most `limit` of
            // them are read, and only those that hold the lines asked for are expanded (V10).
            "SELECT (l.line ->> 0)::timestamptz, l.line ->> 1, l.line ->> 2,"
                + " (l.line ->> 3)::int, (l.line ->> 4)::boolean FROM (SELECT id, lines,"
                + " sum(line_count) OVER (ORDER BY id DESC) - line_count AS newer"
                + " FROM (SELECT id, lines, line_count FROM claw_timeline_chunk"
                + " WHERE claw_id = ? ORDER BY id DESC LIMIT ?) newest) c,"
                + " json_array_elements(c.lines) WITH ORDINALITY AS l(line, n)"
                + " WHERE c.newer < ? ORDER BY c.id DESC, l.n DESC LIMIT ?")) {
      select.setObject(1, clawId);
      select.setInt(2, limit);
      select.setInt(3, limit);
      select.setInt(4, limit);
      List<TimelineEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(timelineEntry(rows));
        }
      }
      // The rows come newest first; the timeline is served oldest first.
      Collections.reverse(entries);
      return entries;
    }
  }

  /** The line of a row whose first columns are at, type, summary, attempt and stale. */
  static TimelineEntry timelineEntry(ResultSet rows) throws SQLException {
    return new TimelineEntry(
        rows.getTimestamp(1).toInstant(),
        rows.getString(2),
        rows.getString(3),
        rows.getInt(4),
        rows.getBoolean(5));
  }
}
