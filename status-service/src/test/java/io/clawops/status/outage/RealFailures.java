package io.clawops.status.outage;

import io.clawops.testkit.PostgresTestServer;
import io.clawops.testkit.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Database failures as PostgreSQL and its driver really raise them, for the outage tests. */
final class RealFailures {

  static final String DATABASE = "clawops_outage_test";

  private RealFailures() {}

  /** A URL of the test server's database. */
  static String url() {
    return TestInfrastructure.postgres().jdbcUrl(DATABASE);
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        url(), PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
  }

  /** A URL of a port nothing listens on: a database that is down. */
  static String closedPortUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort() + "/clawops?connectTimeout=2";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the driver throws when the database is not there. */
  static SQLException refusedConnection() {
    try {
      DriverManager.getConnection(closedPortUrl(), "clawops", "clawops").close();
      throw new AssertionError("a closed port accepted a connection");
    } catch (SQLException e) {
      return e;
    }
  }

  /** Runs {@code sql} on a fresh connection and returns what it threw. */
  static SQLException failureOf(String... sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String line : sql) {
        statement.execute(line);
      }
      throw new AssertionError("no failure from " + String.join("; ", sql));
    } catch (SQLException e) {
      return e;
    }
  }
}
