package io.clawops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.status.fold.RetentionSweeper;
import io.clawops.status.persistence.Retention;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ClawOpsTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Retention on the migrated schema of the real PostgreSQL: what is past its retention goes, in
 * bounded statements; young rows and live claws stay; a purged claw stays purged.
 */
@QuarkusTest
@WithTestResource(
    value = ClawOpsTestResource.class,
    initArgs = @ResourceArg(name = ClawOpsTestResource.DATABASE, value = "status"))
class RetentionTest {

  /** Outbox relay lock of {@code Outbox}: held here, the relay cannot publish. */
  private static final long RELAY_LOCK = 0x636c61776f7073L;

  private final ClawKafka kafka = ClawKafka.shared();

  @Inject AgroalDataSource dataSource;
  @Inject RetentionSweeper sweeper;

  @Test
  void shouldDeleteLedgerRowsPastTheirRetentionAndKeepYoungOnes() throws SQLException {
    UUID claw = UUID.randomUUID();
    List<UUID> old = ledger(claw, 3, Duration.ofDays(8));
    List<UUID> young = ledger(claw, 2, Duration.ofDays(6));

    RetentionSweeper.Sweep sweep = sweep();

    assertThat(sweep.processedEvents()).isGreaterThanOrEqualTo(3);
    assertThat(ledgerLeft(old)).isZero();
    assertThat(ledgerLeft(young)).isEqualTo(2);
  }

  @Test
  void shouldDeleteAtMostOneBatchPerStatement() throws SQLException {
    List<UUID> old = ledger(UUID.randomUUID(), 25, Duration.ofDays(8));
    Instant cutoff = Instant.now().minus(Duration.ofDays(7));

    try (Connection connection = dataSource.getConnection()) {
      assertThat(Retention.processedEvents(connection, cutoff, 10)).isEqualTo(10);
      assertThat(ledgerLeft(old)).isEqualTo(15);
      assertThat(Retention.processedEvents(connection, cutoff, 10)).isEqualTo(10);
      assertThat(Retention.processedEvents(connection, cutoff, 10)).isGreaterThanOrEqualTo(5);
    }
    assertThat(ledgerLeft(old)).isZero();
  }

  @Test
  void shouldPurgeFinishedClawsWithTheirTimelinesAndKeepLiveAndYoungOnes() throws SQLException {
    ClawStreams finished = completed();
    ClawStreams live = running();
    ClawStreams young = completed();
    ClawStreams touched = completed();
    int lines = timelineLines(finished.clawId);
    assertThat(lines).isPositive();
    age(finished.clawId, Duration.ofDays(31));
    age(live.clawId, Duration.ofDays(31));
    age(young.clawId, Duration.ofDays(29));
    // Finished long ago, but its record changed since: its last change counts.
    age(touched.clawId, Duration.ofDays(31));
    execute(
        "UPDATE claw SET updated_at = ? WHERE claw_id = ?",
        ago(Duration.ofDays(2)),
        touched.clawId);

    RetentionSweeper.Sweep sweep = sweep();

    assertThat(sweep.finishedClaws()).isGreaterThanOrEqualTo(1);
    StatusApi.authorized().get("/api/claws/" + finished.clawId).then().statusCode(404);
    assertThat(timelineLines(finished.clawId)).isZero();
    assertThat(tombstone(finished.clawId)).isEqualTo("completed");
    assertThat(StatusApi.claw(live.clawId).getString("status")).isEqualTo("running");
    assertThat(StatusApi.claw(young.clawId).getString("status")).isEqualTo("completed");
    assertThat(StatusApi.claw(touched.clawId).getString("status")).isEqualTo("completed");
    assertThat(tombstone(live.clawId)).isNull();
    assertThat(tombstone(touched.clawId)).isNull();
  }

  @Test
  void shouldKeepAPurgedClawPurgedWhenALateEventArrives() throws SQLException {
    ClawStreams claw = completed();
    age(claw.clawId, Duration.ofDays(31));
    sweep();
    StatusApi.authorized().get("/api/claws/" + claw.clawId).then().statusCode(404);

    // A runner that comes back after a month: its run's events and beats reach the fold.
    claw.running(2, ClawStreams.PRIMARY).beat();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> lateEventAt(claw.clawId) != null);

    StatusApi.authorized().get("/api/claws/" + claw.clawId).then().statusCode(404);
    assertThat(count("SELECT count(*) FROM claw WHERE claw_id = ?", claw.clawId)).isZero();
    assertThat(timelineLines(claw.clawId)).isPositive();

    RetentionSweeper.Sweep sweep = sweep();

    assertThat(sweep.lateTimelines()).isGreaterThanOrEqualTo(1);
    assertThat(timelineLines(claw.clawId)).isZero();
    assertThat(lateEventAt(claw.clawId)).isNull();
    assertThat(tombstone(claw.clawId)).isEqualTo("completed");
  }

  @Test
  void shouldDropOldTombstonesAndOutboxRecordsNobodyCouldPublish() throws SQLException {
    UUID oldTomb = UUID.randomUUID();
    UUID youngTomb = UUID.randomUUID();
    execute(
        "INSERT INTO claw_purged (claw_id, status, purged_at) VALUES (?, 'completed', ?)",
        oldTomb,
        ago(Duration.ofDays(31)));
    execute(
        "INSERT INTO claw_purged (claw_id, status, purged_at) VALUES (?, 'completed', ?)",
        youngTomb,
        ago(Duration.ofDays(29)));
    try (Connection relay = dataSource.getConnection()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> lock(relay));
      try {
        String oldKey = UUID.randomUUID().toString();
        String youngKey = UUID.randomUUID().toString();
        outbox(oldKey, ago(Duration.ofDays(8)));
        outbox(youngKey, ago(Duration.ofDays(6)));

        RetentionSweeper.Sweep sweep = sweep();

        assertThat(sweep.outbox()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = ?", oldKey)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = ?", youngKey)).isOne();
        execute("DELETE FROM outbox WHERE record_key = ?", youngKey);
      } finally {
        try (PreparedStatement unlock = relay.prepareStatement("SELECT pg_advisory_unlock(?)")) {
          unlock.setLong(1, RELAY_LOCK);
          unlock.execute();
        }
      }
    }
    assertThat(tombstone(oldTomb)).isNull();
    assertThat(tombstone(youngTomb)).isEqualTo("completed");
  }

  @Test
  void shouldFindFinishedClawsThroughTheirPartialIndexAndNeverALiveOne() throws SQLException {
    Set<String> live = Set.of("provisioning", "ready", "running", "recovering", "offline");
    assertThat(Retention.FINISHED)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ClawStatus.values())
                .map(ClawStatus::wire)
                .filter(status -> !live.contains(status))
                .toList());
    String where =
        "status IN ("
            + Retention.FINISHED.stream()
                .map(status -> "'" + status + "'")
                .collect(Collectors.joining(", "))
            + ")";
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      // Statistics as autovacuum would have them: the plan must not hang on when it last ran.
      statement.execute("ANALYZE claw");
      statement.execute("SET enable_seqscan = off");
      try (ResultSet rows =
          statement.executeQuery(
              "EXPLAIN SELECT claw_id FROM claw WHERE "
                  + where
                  + " AND status_since < now() AND updated_at < now()"
                  + " ORDER BY status_since LIMIT 10")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      } finally {
        statement.execute("RESET enable_seqscan");
      }
    }
    assertThat(plan.toString()).contains("claw_finished_idx");
  }

  private RetentionSweeper.Sweep sweep() {
    return sweeper.sweep(Instant.now()).orElseThrow();
  }

  private ClawStreams completed() {
    ClawStreams claw = running();
    claw.finished(RunOutcome.COMPLETED, null);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("completed"));
    return claw;
  }

  private ClawStreams running() {
    ClawStreams claw = new ClawStreams(kafka);
    // A long heartbeat: no timer touches the claw while the test ages it.
    claw.requested().completed(true, null, null).dispatched(60).running(1, ClawStreams.PRIMARY);
    StatusApi.awaitClaw(claw.clawId, StatusApi.status("running"));
    return claw;
  }

  private List<UUID> ledger(UUID claw, int rows, Duration age) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      UUID id = UUID.randomUUID();
      execute(
          "INSERT INTO processed_event (event_id, claw_id, type, topic, occurred_at, applied_at)"
              + " VALUES (?, ?, 'run.heartbeat', 'claw.heartbeats', ?, ?)",
          id,
          claw,
          ago(age),
          ago(age));
      ids.add(id);
    }
    return ids;
  }

  private int ledgerLeft(List<UUID> ids) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM processed_event WHERE event_id = ANY(?)")) {
      select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** As if the claw had entered its status and changed last {@code age} ago. */
  private void age(UUID clawId, Duration age) throws SQLException {
    execute(
        "UPDATE claw SET updated_at = ?, status_since = ? WHERE claw_id = ?",
        ago(age),
        ago(age),
        clawId);
  }

  private void outbox(String key, Timestamp createdAt) throws SQLException {
    execute(
        "INSERT INTO outbox (topic, record_key, payload, created_at) VALUES ('claw.status', ?,"
            + " '{}', ?)",
        key,
        createdAt);
  }

  private boolean lock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, RELAY_LOCK);
      try (ResultSet acquired = lock.executeQuery()) {
        return acquired.next() && acquired.getBoolean(1);
      }
    }
  }

  private int timelineLines(UUID clawId) throws SQLException {
    return count("SELECT count(*) FROM claw_timeline WHERE claw_id = ?", clawId);
  }

  private String tombstone(UUID clawId) throws SQLException {
    return text("SELECT status FROM claw_purged WHERE claw_id = ?", clawId);
  }

  private String lateEventAt(UUID clawId) throws SQLException {
    return text("SELECT late_event_at::text FROM claw_purged WHERE claw_id = ?", clawId);
  }

  private static Timestamp ago(Duration age) {
    return Timestamp.from(Instant.now().minus(age));
  }

  private int count(String sql, Object parameter) throws SQLException {
    String value = text(sql, parameter);
    return value == null ? 0 : Integer.parseInt(value);
  }

  private String text(String sql, Object parameter) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, parameter);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private void execute(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }
}
