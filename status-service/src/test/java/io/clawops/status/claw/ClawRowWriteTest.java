package io.clawops.status.claw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.clawops.status.persistence.ClawUnitOfWork;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A running claw's ordinary writes rewrite its row in place (HOT updates, DESIGN §9): its indexed
 * columns do not change and its page has room. The history is written the way the fold writes it
 * (one committed batch per record, each snapshot carrying the due time its row was given) into a
 * copy of the claw table that only this test writes, so the table's own counters tell.
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class ClawRowWriteTest {

  private static final String SCHEMA = "claw_row_write_test";
  private static final int TOOL_CALLS = 10;

  @Inject AgroalDataSource dataSource;

  @Test
  void shouldRewriteARunningClawsRowInPlaceForEveryHeartbeatAndEvent() throws SQLException {
    ClawScenario scenario = ClawScenario.running();
    int untilStarted = scenario.steps().size();
    for (int i = 0; i < TOOL_CALLS; i++) {
      // A second apart: each heartbeat moves the run's liveness, and with it its timers' due time.
      scenario.now = scenario.now.plusSeconds(1);
      scenario.beat().toolCall("read", "digest-" + i, true, null);
    }
    List<ClawReducer.Step> steps = scenario.steps();
    assertThat(scenario.status().status().wire()).isEqualTo("running");

    try (Connection connection = dataSource.getConnection()) {
      copyOfTheClawTable(connection);
      try {
        writeAsTheFoldDoes(connection, scenario, steps);
        int updates = steps.size() - 1;
        int whileRunning = steps.size() - untilStarted;
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(counters(connection)[0]).isEqualTo(updates));
        long[] counters = counters(connection);
        // Each heartbeat moves the run's liveness forward; the row keeps its due time, which is
        // still ahead, so every write while the claw runs is in place.
        assertThat(counters[1]).isGreaterThanOrEqualTo(whileRunning);
        assertThat(counters[1]).isLessThanOrEqualTo(updates);
      } finally {
        // The pooled connection goes back as it came.
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("RESET search_path");
        }
      }
    } finally {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  /** One committed batch per step, each snapshot carrying the due time its row was given. */
  private static void writeAsTheFoldDoes(
      Connection connection, ClawScenario scenario, List<ClawReducer.Step> steps)
      throws SQLException {
    connection.setAutoCommit(false);
    ClawSnapshot snapshot = null;
    for (ClawReducer.Step step : steps) {
      Decision decision =
          ClawReducer.decide(
              snapshot, scenario.clawId, step.input(), step.clock(), scenario.rules, "status/test");
      // Written at the history's own time, so its due times are ahead of the write.
      ClawUnitOfWork.Batch batch = new ClawUnitOfWork.Batch(1_000);
      batch.add(decision, step.clock());
      batch.flush(connection);
      connection.commit();
      snapshot = decision.snapshot().written(batch.storedDue(scenario.clawId));
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_stat_force_next_flush()");
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  /**
   * The claw table with its indexes and storage settings, in a schema of its own that the session
   * writes instead of the service's.
   */
  private static void copyOfTheClawTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("CREATE TABLE " + SCHEMA + ".claw (LIKE public.claw INCLUDING ALL)");
      String options;
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT array_to_string(reloptions, ', ') FROM pg_class"
                  + " WHERE oid = 'public.claw'::regclass")) {
        rows.next();
        options = rows.getString(1);
      }
      assertThat(options).contains("fillfactor");
      statement.execute("ALTER TABLE " + SCHEMA + ".claw SET (" + options + ")");
      statement.execute("SET search_path = " + SCHEMA + ", public");
    }
  }

  /** The copy's updates and HOT updates so far. */
  private static long[] counters(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                  + " WHERE schemaname = '"
                  + SCHEMA
                  + "' AND relname = 'claw'")) {
        return rows.next() ? new long[] {rows.getLong(1), rows.getLong(2)} : new long[] {0, 0};
      }
    }
  }
}
