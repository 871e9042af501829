package io.clawops.runner.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The resolved settings of one runner instance, defaults filled in; a plain record so a second
 * instance can be assembled by hand (tests) with another id.
 *
 * @param beatInterval how often the capacity beat goes out (also on every change)
 * @param version the build this runner runs, reported in its beat
 * @param kafka client properties shared by every consumer and producer (bootstrap servers,
 *     security), without group or serializer settings
 */
public record RunnerSettings(
    String runnerId,
    int slots,
    Duration stopGrace,
    Duration shutdownGrace,
    int maxLineBytes,
    int stderrTailChars,
    Optional<Path> workspacesRoot,
    Path scratchDir,
    Duration beatInterval,
    String version,
    Map<String, Object> kafka) {

  public RunnerSettings {
    if (runnerId == null || runnerId.isBlank()) {
      throw new IllegalArgumentException("runner id must not be blank");
    }
    if (slots < 1) {
      throw new IllegalArgumentException("clawops.runner.slots must be at least 1");
    }
    if (beatInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("clawops.runner.beat-interval must be at least 1s");
    }
    kafka = Map.copyOf(kafka);
  }

  public static RunnerSettings from(RunnerConfig config, Map<String, Object> kafka) {
    return new RunnerSettings(
        config.id().filter(id -> !id.isBlank()).orElseGet(RunnerSettings::defaultId),
        config.slots(),
        config.stopGrace(),
        config.shutdownGrace(),
        config.maxLineBytes(),
        config.stderrTailChars(),
        config.workspacesRoot().map(path -> path.toAbsolutePath().normalize()),
        config
            .scratchDir()
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "clawops-runner"))
            .toAbsolutePath(),
        config.beatInterval(),
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("unknown"),
        kafka);
  }

  /** The same settings for another instance. */
  public RunnerSettings withRunnerId(String id) {
    return new RunnerSettings(
        id,
        slots,
        stopGrace,
        shutdownGrace,
        maxLineBytes,
        stderrTailChars,
        workspacesRoot,
        scratchDir,
        beatInterval,
        version,
        kafka);
  }

  /** Host name plus a random suffix: unique even when two runners share a host. */
  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "runner";
    }
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    return (host + "-" + suffix).toLowerCase(Locale.ROOT);
  }
}
