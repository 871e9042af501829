package io.clawops.provisioner.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes credentials into the secrets file the test profile names (CLAWOPS_SECRETS_FILE). */
public final class TestSecrets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestSecrets() {}

  /** Adds or replaces one credential, keeping the others other tests wrote. */
  public static synchronized void put(Path file, String ref, String value) {
    try {
      ObjectNode secrets =
          Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
      secrets.put(ref, value);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "secrets", ".tmp");
      Files.writeString(temp, secrets.toString());
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
