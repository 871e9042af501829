package io.clawops.e2e.system;

import io.clawops.testkit.PostgresTestServer;
import io.clawops.testkit.TestInfrastructure;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * status-service alone, folding the topics of a broker of the caller's into a database of its own:
 * a fault case starts it, SIGKILLs it and starts it again, and reads what it folded.
 */
public final class StatusFold implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final String name;
  private final String bootstrapServers;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final Path work;
  private final Map<String, String> settings;
  private final int port = ServiceLaunchers.freePort();
  private final ServiceLaunchers launchers;
  private final ClawDatabase database;
  private final ClawOpsApi api;
  private volatile ServiceProcess process;

  private StatusFold(
      String name,
      String bootstrapServers,
      String database,
      Path work,
      Map<String, String> settings) {
    this(
        name,
        bootstrapServers,
        TestInfrastructure.postgres().jdbcUrl(database),
        PostgresTestServer.USERNAME,
        PostgresTestServer.PASSWORD,
        work,
        settings);
  }

  private StatusFold(
      String name,
      String bootstrapServers,
      String jdbcUrl,
      String username,
      String password,
      Path work,
      Map<String, String> settings) {
    Path projectRoot =
        Path.of(System.getProperty("clawops.e2e.project-root", "..")).toAbsolutePath().normalize();
    FileTrees.delete(work);
    String token = randomHex();
    this.name = name;
    this.bootstrapServers = bootstrapServers;
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.work = work.toAbsolutePath();
    this.settings = settings;
    this.launchers =
        new ServiceLaunchers(
            projectRoot, work.toAbsolutePath(), bootstrapServers, token, List.of("status-service"));
    this.database = new ClawDatabase(jdbcUrl, username, password);
    this.api = new ClawOpsApi(0, port, token);
  }

  /**
   * A fold named {@code name} (its log: {@code <work>/logs/<name>.log}) over {@code
   * bootstrapServers}, into {@code database} (created when missing), with the service's own rule
   * timings plus {@code settings}; not started yet.
   */
  public static StatusFold on(
      String name,
      String bootstrapServers,
      String database,
      Path work,
      Map<String, String> settings) {
    StatusFold fold = new StatusFold(name, bootstrapServers, database, work, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(fold::killIfAlive, "kill-" + name));
    return fold;
  }

  /**
   * A fold like {@link #on} into a database of the caller's (e.g. a {@link StandalonePostgres} that
   * a fault case stops); not started yet.
   */
  public static StatusFold onDatabase(
      String name,
      String bootstrapServers,
      String jdbcUrl,
      String username,
      String password,
      Path work,
      Map<String, String> settings) {
    StatusFold fold =
        new StatusFold(name, bootstrapServers, jdbcUrl, username, password, work, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(fold::killIfAlive, "kill-" + name));
    return fold;
  }

  /** The service's log file (every instance of this fold appends to it). */
  public Path logFile() {
    return work.resolve("logs").resolve(name + ".log");
  }

  /**
   * Starts the service and waits until it is ready and its fold consumer alone holds every input
   * partition (after a SIGKILL, only once the broker dropped the dead member).
   */
  public void start() {
    process = launchers.status(name, port, jdbcUrl, username, password, settings);
    process.awaitReady(READY_TIMEOUT);
    FoldGroup.awaitSoleMember(bootstrapServers);
  }

  /** SIGKILL, mid-whatever the service is doing. */
  public void kill() {
    process.kill();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public ClawDatabase database() {
    return database;
  }

  public ClawOpsApi api() {
    return api;
  }

  /** SIGTERM, SIGKILL after a grace. */
  @Override
  public void close() {
    if (isAlive()) {
      process.stop(Duration.ofSeconds(15));
    }
  }

  private void killIfAlive() {
    if (isAlive()) {
      process.kill();
    }
  }

  private static String randomHex() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
