package io.clawops.e2e.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the suite launches each packaged service: its {@code quarkus-run.jar}, a free port, and the
 * environment variables an operator would set (README "Configuration"), with timings that let
 * liveness and recovery rules fire within seconds.
 */
final class ServiceLaunchers {

  /** The credential the provisioner resolves for {@link ClawOpsSystem#DEPLOY_KEY_REF}. */
  static final String DEPLOY_KEY_VARIABLE = "CLAWOPS_SECRET_E2E_DEPLOY_KEY";

  /**
   * The rule timings of the suite's status-service (README "Configuration"), also written into
   * recorded fixtures ({@link FixtureRecorder}). With heartbeatSeconds 1 a lost runner is offline
   * after 3 s and re-dispatched after 6 s.
   */
  static final Map<String, String> STATUS_RULES =
      Map.of(
          "CLAWOPS_RULES_STALE_BEATS", "2",
          "CLAWOPS_RULES_OFFLINE_BEATS", "3",
          "CLAWOPS_RULES_REDISPATCH_BEATS", "6",
          "CLAWOPS_RULES_CANCEL_GRACE", "3s",
          "CLAWOPS_RULES_DEADLINE_GRACE", "3s",
          "CLAWOPS_RULES_START_TIMEOUT", "30s");

  private static final List<String> MODULES =
      List.of("status-service", "provisioner-service", "runner-service");

  private final Path work;
  private final String kafka;
  private final String token;

  ServiceLaunchers(Path projectRoot, Path work, String kafka, String token) {
    this(projectRoot, work, kafka, token, MODULES);
  }

  /** Launchers of only {@code modules} (e.g. status-service alone, for a fold on its own). */
  ServiceLaunchers(Path projectRoot, Path work, String kafka, String token, List<String> modules) {
    this.work = work;
    this.kafka = kafka;
    this.token = token;
    modules.forEach(module -> snapshot(projectRoot, module));
  }

  ServiceProcess status(int port, String jdbcUrl, String username, String password) {
    Map<String, String> env = common(port);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
    env.put("QUARKUS_DATASOURCE_USERNAME", username);
    env.put("QUARKUS_DATASOURCE_PASSWORD", password);
    env.put("CLAWOPS_API_TOKEN", token);
    env.putAll(STATUS_RULES);
    return launch("status-service", "status-service", port, env);
  }

  /**
   * A status-service instance named {@code name} (its log file) with the service's own rule
   * timings, as an operator runs it, plus {@code settings}.
   */
  ServiceProcess status(
      String name,
      int port,
      String jdbcUrl,
      String username,
      String password,
      Map<String, String> settings) {
    Map<String, String> env = common(port);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
    env.put("QUARKUS_DATASOURCE_USERNAME", username);
    env.put("QUARKUS_DATASOURCE_PASSWORD", password);
    env.put("CLAWOPS_API_TOKEN", token);
    env.putAll(settings);
    return launch(name, "status-service", port, env);
  }

  ServiceProcess provisioner(int port, int statusPort, String deployKey) {
    Map<String, String> env = common(port);
    env.put("CLAWOPS_API_TOKEN", token);
    env.put("CLAWOPS_WORKSPACES_ROOT", workspaces().toString());
    env.put("CLAWOPS_STATUS_BASE_URL", "http://127.0.0.1:" + statusPort);
    env.put("CLAWOPS_INSTANCE_ID", "provisioner-e2e");
    env.put("CLAWOPS_GIT_CLONE_TIMEOUT", "30S");
    env.put("CLAWOPS_GIT_MAX_RETRIES", "1");
    env.put("CLAWOPS_GIT_RETRY_DELAY", "200");
    env.put(DEPLOY_KEY_VARIABLE, deployKey);
    // The suite's repositories are local folders: file:// is allowed under that folder only.
    env.put("CLAWOPS_REPOSITORIES_ALLOWED_SCHEMES", "https,ssh,file");
    env.put("CLAWOPS_REPOSITORIES_FILE_ROOTS", repositories().toString());
    return launch("provisioner-service", "provisioner-service", port, env);
  }

  ServiceProcess runner(String runnerId) {
    return runner(runnerId, Map.of());
  }

  /** A runner with extra settings, e.g. {@code CLAWOPS_RUNNER_SLOTS}. */
  ServiceProcess runner(String runnerId, Map<String, String> settings) {
    int port = freePort();
    Map<String, String> env = common(port);
    env.put("CLAWOPS_RUNNER_ID", runnerId);
    env.put("CLAWOPS_WORKSPACES_ROOT", workspaces().toString());
    env.put("CLAWOPS_RUNNER_SCRATCH_DIR", work.resolve("scratch").resolve(runnerId).toString());
    env.put("CLAWOPS_RUNNER_STOP_GRACE", "2s");
    env.put("CLAWOPS_RUNNER_SHUTDOWN_GRACE", "1s");
    // A silent runner is shown lost 3 s after its last capacity beat.
    env.put("CLAWOPS_RUNNER_BEAT_INTERVAL", "1s");
    env.putAll(AgentRuntimes.runnerEnvironment(work));
    env.putAll(settings);
    return launch(runnerId, "runner-service", port, env);
  }

  Path workspaces() {
    return work.resolve("workspaces");
  }

  /** The folder the suite's git repositories live in, the provisioner's one file:// root. */
  Path repositories() {
    return work.resolve("repositories");
  }

  Path logs() {
    return work.resolve("logs");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> common(int port) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    // Debug logs carry agent output and messages: the secret scan must cover them too.
    env.put("QUARKUS_LOG_CATEGORY__IO_CLAWOPS__LEVEL", "DEBUG");
    return env;
  }

  /**
   * Copies a module's packaged application into the work folder and runs it from there, so that a
   * rebuild of the module while the suite runs (a developer's, or a parallel build's) cannot pull
   * the jars from under a running or restarting service.
   */
  private void snapshot(Path projectRoot, String module) {
    Path app = projectRoot.resolve(module).resolve("target/quarkus-app");
    if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          app
              + " holds no quarkus-run.jar: package the services first (./mvnw install -DskipTests)");
    }
    FileTrees.copy(app, work.resolve("apps").resolve(module));
  }

  private ServiceProcess launch(String name, String module, int port, Map<String, String> env) {
    Path jar = work.resolve("apps").resolve(module).resolve("quarkus-run.jar");
    return ServiceProcess.start(
        name, jar, port, env, logs().resolve(name + ".log"), work.resolve("tmp").resolve(name));
  }
}
