package io.clawops.status.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.clawops.status.persistence.StaleClawsException;
import io.clawops.testkit.PostgresTestServer;
import jakarta.transaction.RollbackException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier over failures a real PostgreSQL, its driver and the Agroal pool raise. */
class DatabaseFailuresTest {

  @BeforeAll
  static void table() throws SQLException {
    try (Connection connection = RealFailures.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS outage_row (id int PRIMARY KEY, v int)");
      statement.execute("INSERT INTO outage_row VALUES (1, 0), (2, 0) ON CONFLICT DO NOTHING");
    }
  }

  @Test
  void shouldCallARefusedConnectionTransientAlsoWhenTheFoldWrapsIt() {
    SQLException refused = RealFailures.refusedConnection();

    assertThat(refused.getSQLState()).startsWith("08");
    assertThat(DatabaseFailures.isTransient(refused)).isTrue();
    assertThat(
            DatabaseFailures.isTransient(
                new IllegalStateException("could not apply a batch of 3 events", refused)))
        .isTrue();
  }

  @Test
  void shouldCallASerializationFailureTransient() throws Exception {
    try (Connection first = RealFailures.connect();
        Connection second = RealFailures.connect()) {
      first.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      first.setAutoCommit(false);
      try (Statement statement = first.createStatement()) {
        statement.executeQuery("SELECT v FROM outage_row WHERE id = 1").close();
      }
      try (Statement statement = second.createStatement()) {
        statement.executeUpdate("UPDATE outage_row SET v = v + 1 WHERE id = 1");
      }
      SQLException failure = null;
      try (Statement statement = first.createStatement()) {
        statement.executeUpdate("UPDATE outage_row SET v = v + 1 WHERE id = 1");
      } catch (SQLException e) {
        failure = e;
      }
      first.rollback();

      assertThat((Object) failure).isNotNull();
      assertThat(failure.getSQLState()).isEqualTo("40001");
      assertThat(DatabaseFailures.isTransient(new IllegalStateException(failure))).isTrue();
    }
  }

  @Test
  void shouldCallADeadlockTransient() throws Exception {
    try (Connection first = RealFailures.connect();
        Connection second = RealFailures.connect()) {
      for (Connection connection : new Connection[] {first, second}) {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET deadlock_timeout = '100ms'");
        }
      }
      lock(first, 1);
      lock(second, 2);
      CompletableFuture<SQLException> firstWaits =
          CompletableFuture.supplyAsync(() -> lockFailure(first, 2));
      SQLException secondFailure = lockFailure(second, 1);
      SQLException failure =
          secondFailure != null ? secondFailure : firstWaits.get(30, TimeUnit.SECONDS);
      second.rollback();
      firstWaits.get(30, TimeUnit.SECONDS);
      first.rollback();

      assertThat((Object) failure).isNotNull();
      assertThat(failure.getSQLState()).isEqualTo("40P01");
      assertThat(DatabaseFailures.isTransient(failure)).isTrue();
    }
  }

  @Test
  void shouldCallALockTimeoutAndAStatementTimeoutTransient() throws Exception {
    try (Connection holder = RealFailures.connect()) {
      holder.setAutoCommit(false);
      lock(holder, 1);
      SQLException lockTimeout =
          RealFailures.failureOf(
              "SET lock_timeout = '100ms'", "SELECT v FROM outage_row WHERE id = 1 FOR UPDATE");
      holder.rollback();

      assertThat(lockTimeout.getSQLState()).isEqualTo("55P03");
      assertThat(DatabaseFailures.isTransient(lockTimeout)).isTrue();
    }
    SQLException statementTimeout =
        RealFailures.failureOf("SET statement_timeout = '50ms'", "SELECT pg_sleep(5)");

    assertThat(statementTimeout.getSQLState()).isEqualTo("57014");
    assertThat(DatabaseFailures.isTransient(statementTimeout)).isTrue();
  }

  @Test
  void shouldCallAConnectionTheServerTerminatedTransient() throws Exception {
    try (Connection victim = RealFailures.connect();
        Connection admin = RealFailures.connect()) {
      int pid;
      try (Statement statement = victim.createStatement();
          var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
        rows.next();
        pid = rows.getInt(1);
      }
      try (Statement statement = admin.createStatement()) {
        statement.execute("SELECT pg_terminate_backend(" + pid + ")");
      }
      SQLException failure = null;
      try (Statement statement = victim.createStatement()) {
        statement.execute("SELECT 1");
      } catch (SQLException e) {
        failure = e;
      }

      assertThat((Object) failure).isNotNull();
      // 57P01 (terminated by administrator command) or 08006 (the connection is gone).
      assertThat(failure.getSQLState()).isIn("57P01", "08006", "08003");
      assertThat(DatabaseFailures.isTransient(failure)).isTrue();
    }
  }

  @Test
  void shouldCallAPoolAcquisitionTimeoutTransient() throws Exception {
    try (AgroalDataSource pool =
            AgroalDataSource.from(
                new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(
                        cp ->
                            cp.maxSize(1)
                                .acquisitionTimeout(Duration.ofMillis(200))
                                .connectionFactoryConfiguration(
                                    cf ->
                                        cf.jdbcUrl(RealFailures.url())
                                            .principal(
                                                new NamePrincipal(PostgresTestServer.USERNAME))
                                            .credential(
                                                new SimplePassword(
                                                    PostgresTestServer.PASSWORD)))));
        Connection held = pool.getConnection()) {
      SQLException failure = null;
      try (Connection second = pool.getConnection()) {
        second.isValid(1);
      } catch (SQLException e) {
        failure = e;
      }

      assertThat(held.isValid(1)).isTrue();
      assertThat((Object) failure).isNotNull();
      assertThat(DatabaseFailures.isTransient(new IllegalStateException(failure))).isTrue();
    }
  }

  @Test
  void shouldFollowACommitFailureThroughTheTransactionManagersExceptions() {
    // Shaped as Narayana reports a commit whose connection broke: RollbackException, its cause
    // the resource's XAException, and the driver's failure behind that.
    SQLException lost = RealFailures.refusedConnection();
    XAException xa = new XAException(XAException.XA_RBCOMMFAIL);
    xa.initCause(lost);
    RollbackException rollback = new RollbackException("ARJUNA016053: could not commit");
    rollback.initCause(xa);
    XAException bare = new XAException(XAException.XA_RBCOMMFAIL);

    assertThat(DatabaseFailures.isTransient(new RuntimeException(rollback))).isTrue();
    assertThat(DatabaseFailures.isTransient(bare)).isTrue();
  }

  @Test
  void shouldCallWhatTheWorkItselfCausesNotTransient() {
    SQLException syntax = RealFailures.failureOf("SELEKT 1");
    SQLException duplicate = RealFailures.failureOf("INSERT INTO outage_row VALUES (1, 0)");
    SQLException badCast = RealFailures.failureOf("SELECT 'not a number'::int");

    assertThat(syntax.getSQLState()).isEqualTo("42601");
    assertThat(duplicate.getSQLState()).isEqualTo("23505");
    assertThat(badCast.getSQLState()).isEqualTo("22P02");
    assertThat(DatabaseFailures.isTransient(new IllegalStateException(syntax))).isFalse();
    assertThat(DatabaseFailures.isTransient(new IllegalStateException(duplicate))).isFalse();
    assertThat(DatabaseFailures.isTransient(badCast)).isFalse();
    assertThat(DatabaseFailures.isTransient(new IllegalArgumentException("bad record"))).isFalse();
    assertThat(DatabaseFailures.isTransient(new NullPointerException())).isFalse();
  }

  @Test
  void shouldCallClawsOtherWritersKeptChangingTransient() {
    StaleClawsException stale = new StaleClawsException(Set.of(UUID.randomUUID()));

    assertThat(DatabaseFailures.isTransient(stale)).isTrue();
    assertThat(DatabaseFailures.isTransient(new RuntimeException("round failed", stale))).isTrue();
  }

  @Test
  void shouldEndOnACauseChainThatLoops() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(DatabaseFailures.isTransient(a)).isFalse();
  }

  private static void lock(Connection connection, int id) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT v FROM outage_row WHERE id = " + id + " FOR UPDATE").close();
    }
  }

  private static SQLException lockFailure(Connection connection, int id) {
    try {
      lock(connection, id);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }
}
