package io.clawops.provisioner.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Resolves a {@code credentialRef} to its value: first the environment variable {@code
 * CLAWOPS_SECRET_<REF>} (upper case, every other character than a letter or digit as {@code _}),
 * then the JSON object or properties file named by {@code CLAWOPS_SECRETS_FILE}.
 *
 * <p>The file is read on every resolution, so an operator who adds a missing credential can
 * rebootstrap the claw without restarting the service.
 */
@ApplicationScoped
public class SecretResolver {

  /** Prefix of the environment variables that hold credentials. */
  public static final String ENV_PREFIX = "CLAWOPS_SECRET_";

  private static final Logger LOG = Logger.getLogger(SecretResolver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Path> secretsFile;

  public SecretResolver(ProvisionerConfig config) {
    this.secretsFile = config.secretsFile();
  }

  /** The environment variable that holds {@code ref}. */
  public static String environmentVariable(String ref) {
    return ENV_PREFIX + ref.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** The value of {@code ref}, or empty when no source has it. */
  public Optional<Secret> resolve(String ref) {
    String variable = environmentVariable(ref);
    String fromEnvironment = System.getenv(variable);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return Optional.of(new Secret(fromEnvironment, variable));
    }
    return secretsFile.flatMap(file -> fromFile(file, ref));
  }

  private static Optional<Secret> fromFile(Path file, String ref) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String value =
          content.stripLeading().startsWith("{") ? json(content, ref) : props(content, ref);
      return Optional.ofNullable(value)
          .filter(v -> !v.isEmpty())
          .map(v -> new Secret(v, "secrets file"));
    } catch (IOException e) {
      // Never the parser's message: it may quote the file, which holds secrets.
      LOG.warnf("secrets file %s could not be read as JSON or properties", file.getFileName());
      return Optional.empty();
    }
  }

  private static String json(String content, String ref) throws IOException {
    JsonNode value = JSON.readTree(content).get(ref);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String props(String content, String ref) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = new StringReader(content)) {
      properties.load(reader);
    }
    return properties.getProperty(ref);
  }
}
