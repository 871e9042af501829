package io.clawops.e2e.system;

import io.clawops.testkit.PostgresTestServer;
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

/**
 * A PostgreSQL server of the test kit's binaries that a fault case stops and starts again on the
 * same port and data directory, as a database host that goes away and comes back: {@link #stop()}
 * is {@code pg_ctl stop -m fast} (every session terminated), {@link #restart()} starts the same
 * cluster without initdb.
 */
public final class StandalonePostgres implements AutoCloseable {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private static Path binaries;

  private final Path dir;
  private final Path sockets;
  private final int port = ServiceLaunchers.freePort();
  private volatile EmbeddedPostgres server;

  private StandalonePostgres(Path dir, Path sockets) {
    this.dir = dir;
    this.sockets = sockets;
  }

  /** Initializes a fresh cluster under {@code dir} and starts it on a free port. */
  public static StandalonePostgres start(Path dir) {
    FileTrees.delete(dir);
    try {
      Files.createDirectories(dir);
      // Short: a Unix socket path may not exceed ~107 bytes.
      Path sockets = Files.createTempDirectory("clawops-pgs");
      StandalonePostgres postgres = new StandalonePostgres(dir.toAbsolutePath(), sockets);
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "standalone-pg-stop"));
      postgres.launch();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of {@code database}, created when missing (user and password of the test kit). */
  public String jdbcUrl(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("invalid database name: " + database);
    }
    try (Connection connection =
            DriverManager.getConnection(
                url("postgres"), PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
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
    return url(database);
  }

  /** Stops the server (fast shutdown: sessions terminated, the data kept). */
  public synchronized void stop() {
    EmbeddedPostgres running = server;
    server = null;
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Starts the same cluster again on the same port; returns once it accepts connections. */
  public synchronized void restart() {
    if (server == null) {
      launch();
    }
  }

  public boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  private void launch() {
    try {
      server =
          EmbeddedPostgres.builder()
              // The embedded library extracts its binaries once per JVM, into the first working
              // directory it is given, and every later server of the JVM runs from there: never a
              // directory a test deletes (ClawOpsSystem clears its work tree, this one included).
              .setOverrideWorkingDirectory(binaries().toFile())
              .setDataDirectory(dir.resolve("data"))
              // Kept across a stop: a restart runs the same cluster, no initdb.
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("unix_socket_directories", sockets.toString())
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("max_connections", "100")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL in " + dir, e);
    }
  }

  private static synchronized Path binaries() throws IOException {
    if (binaries == null) {
      binaries = Files.createTempDirectory("clawops-pg-binaries");
    }
    return binaries;
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }
}
