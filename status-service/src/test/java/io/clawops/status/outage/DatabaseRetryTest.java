package io.clawops.status.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clawops.testkit.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fold's retry against a real PostgreSQL: a batch written while the database is down waits,
 * backs off, reports not ready and is written exactly once when the database is there again; a
 * failure of the work itself is not retried.
 */
class DatabaseRetryTest {

  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

  private final DatabaseOutage outage = new DatabaseOutage();
  private final DatabaseReadiness readiness = readiness(outage);

  @BeforeAll
  static void table() throws SQLException {
    try (Connection connection = RealFailures.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS outage_batch (id uuid PRIMARY KEY)");
    }
  }

  @Test
  void shouldWriteTheSameBatchOnceWhenTheDatabaseComesBack() {
    UUID batch = UUID.randomUUID();
    AtomicReference<String> database = new AtomicReference<>(RealFailures.closedPortUrl());
    List<Duration> waits = new ArrayList<>();
    List<HealthCheckResponse.Status> readyWhileWaiting = new ArrayList<>();
    DatabaseRetry retry =
        new DatabaseRetry(
            DatabaseOutage.FOLD,
            outage,
            BACKOFF,
            wait -> {
              waits.add(wait);
              readyWhileWaiting.add(readiness.call().getStatus());
              if (waits.size() == 6) {
                // The database is back.
                database.set(RealFailures.url());
              }
            });
    AtomicInteger attempts = new AtomicInteger();

    retry.run(
        () -> {
          attempts.incrementAndGet();
          insert(database.get(), batch);
        });

    assertThat(attempts).hasValue(7);
    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(500));
    assertThat(readyWhileWaiting).containsOnly(HealthCheckResponse.Status.DOWN);
    assertThat(rows(batch)).isEqualTo(1);
    assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(outage.recoveredAt(DatabaseOutage.FOLD)).isPresent();
  }

  @Test
  void shouldThrowAFailureOfTheWorkItselfAtOnce() {
    List<Duration> waits = new ArrayList<>();
    DatabaseRetry retry = new DatabaseRetry(DatabaseOutage.FOLD, outage, BACKOFF, waits::add);
    UUID batch = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                retry.run(
                    () -> {
                      insert(RealFailures.url(), batch);
                      // The same id again: the work's own fault, not the database's.
                      insert(RealFailures.url(), batch);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseInstanceOf(SQLException.class);
    assertThat(waits).isEmpty();
    assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(outage.recoveredAt(DatabaseOutage.FOLD)).isEmpty();
  }

  @Test
  void shouldKeepWaitingWhenInterruptedAndKeepTheInterrupt() {
    AtomicReference<String> database = new AtomicReference<>(RealFailures.closedPortUrl());
    AtomicInteger waits = new AtomicInteger();
    UUID batch = UUID.randomUUID();
    DatabaseRetry retry =
        new DatabaseRetry(
            DatabaseOutage.TIMERS,
            outage,
            BACKOFF,
            wait -> {
              if (waits.incrementAndGet() == 2) {
                database.set(RealFailures.url());
              }
              throw new InterruptedException("shutting down");
            });

    retry.run(() -> insert(database.get(), batch));

    // Returned only once the work was done, and the interrupt is not swallowed.
    assertThat(Thread.interrupted()).isTrue();
    assertThat(rows(batch)).isEqualTo(1);
  }

  @Test
  void shouldDoubleUpToTheLongestWait() {
    Duration wait = BACKOFF.initial();
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(wait);
      wait = BACKOFF.next(wait);
    }

    assertThat(waits).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 500L, 500L);
  }

  private static DatabaseReadiness readiness(DatabaseOutage outage) {
    DatabaseReadiness readiness = new DatabaseReadiness();
    readiness.outage = outage;
    return readiness;
  }

  private static void insert(String url, UUID id) {
    try (Connection connection =
            DriverManager.getConnection(
                url, PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO outage_batch (id) VALUES (?)")) {
      insert.setObject(1, id);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not write the batch", e);
    }
  }

  private static int rows(UUID id) {
    try (Connection connection = RealFailures.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM outage_batch WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
