package io.clawops.provisioner.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.provisioner.request.ClawRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Keeps each claw's request (secrets removed) and {@link ClawState} on disk, outside its workspace,
 * because this service has no database and a rebootstrap must find both after a restart.
 */
@ApplicationScoped
public class ClawStore {

  private static final String REQUEST = "request.json";
  private static final String STATE = "state.json";
  private static final ObjectMapper JSON = EnvelopeCodec.mapper();

  private final WorkspaceLayout layout;

  public ClawStore(WorkspaceLayout layout) {
    this.layout = layout;
  }

  /** Records a newly accepted claw; {@code request} must already be free of secrets. */
  public void create(UUID clawId, ClawRequest request) {
    Path dir = layout.clawState(clawId);
    try {
      AtomicFiles.write(dir.resolve(REQUEST), JSON.writeValueAsString(request));
      AtomicFiles.write(dir.resolve(STATE), JSON.writeValueAsString(ClawState.accepted()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not store the request of claw " + clawId, e);
    }
  }

  /** The stored request, or empty for a claw this store never accepted. */
  public Optional<ClawRequest> request(UUID clawId) {
    return read(layout.clawState(clawId).resolve(REQUEST), ClawRequest.class);
  }

  /** The stored state, or empty for a claw this store never accepted. */
  public Optional<ClawState> state(UUID clawId) {
    return read(layout.clawState(clawId).resolve(STATE), ClawState.class);
  }

  /**
   * Applies {@code change} to the stored state and returns the result. Serialized, because the
   * command consumer and the checklist threads both update states.
   */
  public synchronized ClawState update(UUID clawId, UnaryOperator<ClawState> change) {
    ClawState next = change.apply(state(clawId).orElseGet(ClawState::accepted));
    try {
      AtomicFiles.write(layout.clawState(clawId).resolve(STATE), JSON.writeValueAsString(next));
    } catch (IOException e) {
      throw new UncheckedIOException("could not store the state of claw " + clawId, e);
    }
    return next;
  }

  /** Forgets a claw, e.g. one that lost an Idempotency-Key race and was never started. */
  public void delete(UUID clawId) {
    Path dir = layout.clawState(clawId);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove claw " + clawId, e);
    }
  }

  private static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file.getFileName(), e);
    }
  }
}
