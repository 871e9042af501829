package io.clawops.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/** A real PostgreSQL server started from the embedded binaries, one per test JVM. */
public final class PostgresTestServer implements AutoCloseable {

  public static final String USERNAME = "postgres";
  public static final String PASSWORD = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;

  private PostgresTestServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on a free port with its data and socket under {@code java.io.tmpdir}. */
  public static PostgresTestServer start() {
    try {
      Path scratch = Files.createTempDirectory("clawops-pg");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(scratch.resolve("work").toFile())
              .setDataDirectory(scratch.resolve("data"))
              .setCleanDataDirectory(true)
              // The default socket directory (/var/run/postgresql) may not exist or be writable.
              .setServerConfig("unix_socket_directories", scratch.toString())
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("max_connections", "200")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      return new PostgresTestServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /** The JDBC URL of a database, creating it on first use. */
  public synchronized String jdbcUrl(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid database name: " + database);
    }
    String admin = postgres.getJdbcUrl(USERNAME, "postgres");
    try (Connection connection = DriverManager.getConnection(admin, USERNAME, PASSWORD);
        Statement statement = connection.createStatement()) {
      try (ResultSet found =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (!found.next()) {
          statement.execute("CREATE DATABASE " + database);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
    return postgres.getJdbcUrl(USERNAME, database);
  }

  /** The TCP port the server listens on. */
  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
