package io.clawops.e2e.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One packaged service running as a child process ({@code java -jar quarkus-run.jar}), its output
 * appended to a log file, stopped or killed together with the processes it started.
 */
public final class ServiceProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code jar} with exactly {@code env} as its ClawOps, Quarkus and Kafka settings. */
  static ServiceProcess start(
      String name, Path jar, int port, Map<String, String> env, Path log, Path scratch) {
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(scratch);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // A small heap, one GC thread and the C1 compiler only: four services share two cores.
      command.addAll(
          List.of(
              "-Xmx256m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-Djava.io.tmpdir=" + scratch,
              "-jar",
              jar.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
      // Whatever the developer's shell exports must not leak into the system under test.
      builder
          .environment()
          .keySet()
          .removeIf(
              key ->
                  key.startsWith("CLAWOPS_")
                      || key.startsWith("QUARKUS_")
                      || key.startsWith("KAFKA_"));
      builder.environment().putAll(env);
      builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new ServiceProcess(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /** The process id of the service's JVM. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /q/health/ready} answers UP; fails with the log's tail if it never does. */
  void awaitReady(Duration timeout) {
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(name + " exited with " + process.exitValue());
                }
                HttpResponse<String> response =
                    HTTP.send(
                        HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          name + " did not become ready in " + timeout + "; log tail:\n" + logTail(), e);
    }
  }

  /** SIGKILL to the service and every process it started, as a crashed host would do. */
  public void kill() {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(10));
  }

  /** SIGTERM, then SIGKILL of what is left of the tree after {@code grace}. */
  void stop(Duration grace) {
    List<ProcessHandle> tree = tree();
    process.destroy();
    awaitExit(grace);
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private List<ProcessHandle> tree() {
    ProcessHandle root = process.toHandle();
    return Stream.concat(Stream.of(root), root.descendants()).toList();
  }

  private void awaitExit(Duration timeout) {
    try {
      process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the log, for failure messages. */
  String logTail() {
    try {
      // Decoded leniently: a service may have written anything.
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }
}
