package io.clawops.simagent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line that starts the sim-agent with the current Java binary and the jars its classes
 * were loaded from, so a runner can offer it as a built-in runtime without a separate install.
 */
public final class SimAgentCommand {

  private SimAgentCommand() {}

  /** {@code [java, -Xmx64m, ..., -cp, <jars>, io.clawops.simagent.SimAgent]}. */
  public static List<String> command() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "-Xmx64m",
        // A short-lived scripted process: start fast and stay small rather than optimise code.
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-cp",
        classpath(),
        SimAgent.class.getName());
  }

  /** The sim-agent's own location plus Jackson's, which is all it needs at run time. */
  static String classpath() {
    Set<String> entries = new LinkedHashSet<>();
    Stream.of(SimAgent.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)
        .map(SimAgentCommand::locationOf)
        .forEach(entries::add);
    return String.join(File.pathSeparator, entries);
  }

  private static String locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      location = fromResource(type);
    }
    try {
      return Path.of(location.toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
    }
  }

  /** Some class loaders give no code source: fall back to the URL of the class file itself. */
  private static URL fromResource(Class<?> type) {
    String file = type.getName().replace('.', '/') + ".class";
    URL url = type.getClassLoader().getResource(file);
    if (url == null) {
      throw new IllegalStateException("cannot locate the classes of " + type.getName());
    }
    String text = url.toString();
    try {
      if (text.startsWith("jar:")) {
        return new URL(text.substring("jar:".length(), text.indexOf("!/")));
      }
      return new URL(text.substring(0, text.length() - file.length()));
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
    }
  }
}
