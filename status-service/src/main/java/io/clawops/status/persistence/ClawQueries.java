package io.clawops.status.persistence;

import io.agroal.api.AgroalDataSource;
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
import java.util.List;
import java.util.UUID;

/** The read side the REST API serves from: one claw, a filtered page of claws, a timeline. */
@ApplicationScoped
public class ClawQueries {

  /** A page of claws and the cursor of the next page (null on the last). */
  public record Page(List<ClawState> items, Cursor next) {}

  /** Position after the last claw of a page, in (createdAt, clawId) descending order. */
  public record Cursor(Instant createdAt, UUID clawId) {}

  @Inject AgroalDataSource dataSource;

  public ClawState find(UUID clawId) {
    try (Connection connection = dataSource.getConnection()) {
      return ClawRepository.find(connection, clawId);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read claw " + clawId, e);
    }
  }

  /** Newest first, optionally filtered by stored status and workflow run. */
  public Page list(String status, String workflowRunId, int limit, Cursor after) {
    StringBuilder sql = new StringBuilder("SELECT state, created_at, claw_id FROM claw WHERE true");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (workflowRunId != null) {
      sql.append(" AND workflow_run_id = ?");
      args.add(workflowRunId);
    }
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
          items.add(ClawStateMapper.read(rows.getString(1)));
        }
      }
      return new Page(items, next);
    } catch (SQLException e) {
      throw new IllegalStateException("could not list claws", e);
    }
  }

  /** The newest {@code limit} timeline entries of a claw, oldest first. */
  public List<TimelineEntry> timeline(UUID clawId, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT at, type, summary, attempt, stale FROM (SELECT * FROM claw_timeline"
                    + " WHERE claw_id = ? ORDER BY id DESC LIMIT ?) newest ORDER BY id")) {
      select.setObject(1, clawId);
      select.setInt(2, limit);
      List<TimelineEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new TimelineEntry(
                  rows.getTimestamp(1).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getInt(4),
                  rows.getBoolean(5)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the timeline of claw " + clawId, e);
    }
  }
}
