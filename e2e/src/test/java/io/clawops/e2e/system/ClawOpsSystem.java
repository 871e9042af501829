package io.clawops.e2e.system;

import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.PostgresTestServer;
import io.clawops.testkit.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The whole system as the suite runs it, once per JVM: the test kit's broker and database, and
 * status-service, provisioner-service and two runner-services as separate processes.
 */
public final class ClawOpsSystem implements AutoCloseable {

  /** A credentialRef the provisioner resolves from its environment, never shown anywhere. */
  public static final String DEPLOY_KEY_REF = "e2e-deploy-key";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final String DATABASE = "clawops_e2e";

  private final ServiceLaunchers launchers;
  private final String bootstrapServers;
  private final String jdbcUrl;
  private final int statusPort = ServiceLaunchers.freePort();
  private final int provisionerPort = ServiceLaunchers.freePort();
  private final String deployKey = "ghp_" + randomHex(18);
  private final ClawOpsApi api;
  private final GitRepositories git;
  private final ClawDatabase database;
  private final ClawKafka kafka;
  private final Map<String, ServiceProcess> runners = new ConcurrentHashMap<>();
  private volatile ServiceProcess status;
  private volatile ServiceProcess provisioner;
  private int restartedRunners;

  private ClawOpsSystem(Path projectRoot, Path work) {
    CompletableFuture<String> postgres =
        CompletableFuture.supplyAsync(() -> TestInfrastructure.postgres().jdbcUrl(DATABASE));
    this.bootstrapServers = TestInfrastructure.kafka().bootstrapServers();
    this.jdbcUrl = postgres.join();
    String token = randomHex(24);
    this.launchers = new ServiceLaunchers(projectRoot, work, bootstrapServers, token);
    this.api = new ClawOpsApi(provisionerPort, statusPort, token);
    this.git = new GitRepositories(work.resolve("repositories"));
    this.database =
        new ClawDatabase(jdbcUrl, PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
    this.kafka = new ClawKafka(bootstrapServers);
  }

  /** Starts everything and waits until every service is ready. */
  public static ClawOpsSystem start() {
    Path projectRoot = Path.of(System.getProperty("clawops.e2e.project-root", ".."));
    Path work = Path.of(System.getProperty("clawops.e2e.work-dir", "target/e2e"));
    FileTrees.delete(work);
    ClawOpsSystem system =
        new ClawOpsSystem(projectRoot.toAbsolutePath().normalize(), work.toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(new Thread(system::killAll, "clawops-e2e-kill"));
    system.status = system.launchStatus();
    system.provisioner =
        system.launchers.provisioner(system.provisionerPort, system.statusPort, system.deployKey);
    Stream.of("runner-a", "runner-b")
        .forEach(id -> system.runners.put(id, system.launchers.runner(id)));
    system.awaitReady(system.all());
    return system;
  }

  public ClawOpsApi api() {
    return api;
  }

  public GitRepositories git() {
    return git;
  }

  public ClawDatabase database() {
    return database;
  }

  public ClawKafka kafka() {
    return kafka;
  }

  /** The value behind {@link #DEPLOY_KEY_REF}, for tests proving it never shows. */
  public String deployKey() {
    return deployKey;
  }

  /** The ids of the runners that are up now. */
  public List<String> runnerIds() {
    return runners.keySet().stream().sorted().toList();
  }

  /** SIGKILL to a runner and its agents; it stays down until {@link #restoreRunners()}. */
  public void killRunner(String runnerId) {
    ServiceProcess runner = runners.remove(runnerId);
    if (runner == null) {
      throw new IllegalArgumentException("no running runner " + runnerId);
    }
    runner.kill();
  }

  /** Starts fresh runner instances (new ids) until two run again, and waits for them. */
  public synchronized void restoreRunners() {
    List<ServiceProcess> started = new ArrayList<>();
    while (runners.size() < 2) {
      String id = "runner-r" + ++restartedRunners;
      ServiceProcess runner = launchers.runner(id);
      runners.put(id, runner);
      started.add(runner);
    }
    awaitReady(started);
  }

  /**
   * Stops every runner (SIGTERM, as a scale-down would) and starts {@code count} fresh ones with
   * {@code slots} slots each; returns their ids once they are ready.
   */
  public synchronized List<String> replaceRunners(String prefix, int count, int slots) {
    List<ServiceProcess> stopping = new ArrayList<>(runners.values());
    runners.clear();
    stopping.forEach(runner -> runner.stop(STOP_GRACE));
    List<ServiceProcess> started = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      started.add(startRunner(prefix + i, slots));
    }
    awaitReady(started);
    return started.stream().map(ServiceProcess::name).toList();
  }

  /** Starts one more runner with {@code slots} slots and waits until it is ready. */
  public synchronized String addRunner(String runnerId, int slots) {
    ServiceProcess runner = startRunner(runnerId, slots);
    awaitReady(List.of(runner));
    return runnerId;
  }

  /** The broker the system runs on, for admin queries (consumer group assignments). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The directory holding the claw workspaces, shared by provisioner and runners. */
  public Path workspaces() {
    return launchers.workspaces();
  }

  private ServiceProcess startRunner(String runnerId, int slots) {
    ServiceProcess runner =
        launchers.runner(runnerId, Map.of("CLAWOPS_RUNNER_SLOTS", Integer.toString(slots)));
    runners.put(runnerId, runner);
    return runner;
  }

  /** SIGKILL to status-service, mid-whatever it is doing. */
  public void killStatusService() {
    status.kill();
  }

  /**
   * Starts status-service again on the same port and database, and waits until it is ready and its
   * fold consumer alone holds every input partition, i.e. until it folds again.
   */
  public void startStatusService() {
    status = launchStatus();
    awaitReady(List.of(status));
    FoldGroup.awaitSoleMember(bootstrapServers);
  }

  /** Every service log written so far, including those of killed instances. */
  public List<Path> logFiles() {
    try (Stream<Path> logs = Files.list(launchers.logs())) {
      return logs.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every service at once (SIGTERM, SIGKILL after a grace), then the Kafka client. */
  @Override
  public void close() {
    List<Thread> stops =
        all().stream()
            .map(service -> new Thread(() -> service.stop(STOP_GRACE), "stop-" + service.name()))
            .toList();
    stops.forEach(Thread::start);
    for (Thread stop : stops) {
      try {
        stop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kafka.close();
  }

  private ServiceProcess launchStatus() {
    return launchers.status(
        statusPort, jdbcUrl, PostgresTestServer.USERNAME, PostgresTestServer.PASSWORD);
  }

  private List<ServiceProcess> all() {
    List<ServiceProcess> all = new ArrayList<>(runners.values());
    Stream.of(provisioner, status).filter(service -> service != null).forEach(all::add);
    return all;
  }

  /** The services start concurrently, so waiting for one after the other costs nothing extra. */
  private void awaitReady(List<ServiceProcess> services) {
    try {
      services.forEach(service -> service.awaitReady(READY_TIMEOUT));
    } catch (RuntimeException e) {
      killAll();
      throw e;
    }
  }

  private void killAll() {
    all().stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::kill);
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
