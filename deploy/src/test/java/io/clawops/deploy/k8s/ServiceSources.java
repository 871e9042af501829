package io.clawops.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a service's facts from its module: application.properties (port, health paths, every
 * property and {@code ${ENV}} reference), its {@code @ConfigMapping} interfaces and its
 * Dockerfile.jvm (ENV, {@code $VAR} in the entry point, EXPOSE).
 */
final class ServiceSources {

  static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
  private static final Pattern DOCKER_ENV = Pattern.compile("(?:^|\\s)([A-Z][A-Z0-9_]*)=");
  private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");

  private ServiceSources() {}

  static ServiceFacts read(Path root, String module) {
    Path dir = root.resolve(module);
    Properties properties = properties(dir.resolve("src/main/resources/application.properties"));
    Set<String> environment = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      environment.add(EnvNames.of(withoutProfile(key)));
      addReferences(properties.getProperty(key), environment);
    }
    try (Stream<Path> sources = Files.walk(dir.resolve("src/main/java"))) {
      sources
          .filter(file -> file.toString().endsWith(".java"))
          .map(ServiceSources::text)
          .filter(text -> text.contains("@ConfigMapping("))
          .forEach(
              text -> {
                environment.addAll(ConfigMappingSource.environmentNames(text));
                addReferences(text, environment);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String dockerfile = text(dir.resolve(DOCKERFILE));
    environment.addAll(dockerfileEnvironment(dockerfile));
    Matcher expose = EXPOSE.matcher(dockerfile);
    int exposed = expose.find() ? Integer.parseInt(expose.group(1)) : -1;

    String health =
        "/"
            + trim(properties.getProperty("quarkus.http.non-application-root-path", "q"))
            + "/"
            + trim(properties.getProperty("quarkus.smallrye-health.root-path", "health"))
            + "/";
    boolean servesHealth = text(dir.resolve("pom.xml")).contains("quarkus-smallrye-health");
    return new ServiceFacts(
        module,
        Integer.parseInt(properties.getProperty("quarkus.http.port", "8080")),
        exposed,
        servesHealth
            ? health + properties.getProperty("quarkus.smallrye-health.liveness-path", "live")
            : null,
        servesHealth
            ? health + properties.getProperty("quarkus.smallrye-health.readiness-path", "ready")
            : null,
        servesHealth
            ? health + properties.getProperty("quarkus.smallrye-health.startup-path", "started")
            : null,
        Set.copyOf(environment));
  }

  /** ENV names, and the variables the entry point's shell expands. */
  static Set<String> dockerfileEnvironment(String dockerfile) {
    Set<String> names = new TreeSet<>();
    String joined = dockerfile.replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("ENV ")) {
        Matcher matcher = DOCKER_ENV.matcher(trimmed.substring(4));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      } else if (trimmed.startsWith("ENTRYPOINT") || trimmed.startsWith("CMD")) {
        Matcher matcher = SHELL_REFERENCE.matcher(trimmed);
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }
    return names;
  }

  private static void addReferences(String text, Set<String> environment) {
    Matcher matcher = ENV_REFERENCE.matcher(text);
    while (matcher.find()) {
      environment.add(matcher.group(1));
    }
  }

  private static String withoutProfile(String key) {
    return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
  }

  private static String trim(String path) {
    return path.replaceAll("^/+|/+$", "");
  }

  private static Properties properties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
