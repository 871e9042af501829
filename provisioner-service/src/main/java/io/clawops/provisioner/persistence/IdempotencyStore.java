package io.clawops.provisioner.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.Digests;
import io.clawops.contracts.codec.EnvelopeCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable Idempotency-Key mappings, one file per key named by the key's SHA-256 (so a key never
 * becomes a path), each holding the claw it created and a digest of the request it came with.
 */
@ApplicationScoped
public class IdempotencyStore {

  private static final ObjectMapper JSON = EnvelopeCodec.mapper();

  private final WorkspaceLayout layout;

  public IdempotencyStore(WorkspaceLayout layout) {
    this.layout = layout;
  }

  /** What one key created. */
  public record Entry(UUID clawId, String requestDigest) {}

  /** The claw an earlier request with this key created, if any. */
  public Optional<Entry> find(String key) {
    Path file = file(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Entry.class));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read an idempotency key", e);
    }
  }

  /**
   * Maps the key to {@code candidate} unless it is mapped already, atomically across threads and
   * processes sharing the root.
   *
   * @return the entry that holds the key now: {@code candidate}, or the one that came first
   */
  public Entry claim(String key, Entry candidate) {
    try {
      if (AtomicFiles.createExclusive(file(key), JSON.writeValueAsString(candidate))) {
        return candidate;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not store an idempotency key", e);
    }
    return find(key).orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
  }

  private Path file(String key) {
    return layout.idempotencyKeys().resolve(Digests.sha256(key) + ".json");
  }
}
