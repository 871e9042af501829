package io.clawops.e2e.system;

import static org.awaitility.Awaitility.await;

import io.clawops.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A Kafka broker as its own process, laid out exactly as the local stack runs it (the jars of
 * deploy/target/kafka/libs, KRaft, one node): it can be SIGKILLed and started again on the same
 * port and log directory, as a crashed broker host would be.
 */
public final class StandaloneBroker implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(90);

  private final Path libs;
  private final Path dir;
  private final int port = ServiceLaunchers.freePort();
  private final int controllerPort = ServiceLaunchers.freePort();
  private volatile Process process;

  private StandaloneBroker(Path libs, Path dir) {
    this.libs = libs;
    this.dir = dir;
  }

  /**
   * Formats a fresh log directory under {@code dir}, starts the broker and creates the contract
   * topics with {@code partitions} partitions.
   */
  public static StandaloneBroker start(Path dir, int partitions) {
    Path projectRoot = Path.of(System.getProperty("clawops.e2e.project-root", ".."));
    Path libs = projectRoot.resolve("deploy/target/kafka/libs").toAbsolutePath().normalize();
    if (!Files.isDirectory(libs)) {
      throw new IllegalStateException(libs + " is missing: package deploy first");
    }
    FileTrees.delete(dir);
    StandaloneBroker broker = new StandaloneBroker(libs, dir.toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(new Thread(broker::kill, "standalone-broker-kill"));
    broker.format();
    broker.launch();
    broker.createTopics(Topics.ALL, partitions);
    return broker;
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL: no flush, no controlled shutdown. */
  public void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the broker again on the same port and log directory and waits until it answers. */
  public void restart() {
    launch();
  }

  @Override
  public void close() {
    kill();
  }

  private void format() {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("server.properties"), properties());
      String id = runTool(List.of("kafka.tools.StorageTool", "random-uuid")).trim();
      runTool(
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "--standalone",
              "-t",
              id,
              "-c",
              dir.resolve("server.properties").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    try {
      process =
          new ProcessBuilder(
                  java(),
                  "-Xmx384m",
                  "-cp",
                  libs + "/*",
                  "kafka.Kafka",
                  dir.resolve("server.properties").toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await()
        .atMost(READY)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              try (Admin admin = admin()) {
                return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
              }
            });
  }

  /** Creates {@code topics} with {@code partitions} partitions each. */
  public void createTopics(List<String> topics, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the topics", e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  private String runTool(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", libs + "/*"));
    command.addAll(args);
    Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(tool.getInputStream().readAllBytes());
    try {
      if (tool.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    // The tool may log before it prints: the answer is the last line.
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private String properties() {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "log.dirs=" + dir.resolve("data"),
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
