package io.clawops.provisioner.bootstrap;

import io.clawops.provisioner.persistence.ClawStore;
import io.clawops.provisioner.persistence.IdempotencyStore;
import io.clawops.provisioner.request.ClawRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts a valid claw request: gives it a claw id (the same one again for a repeated
 * Idempotency-Key), stores it without secrets, and queues its checklist.
 */
@ApplicationScoped
public class ClawAdmission {

  private final ClawStore store;
  private final IdempotencyStore keys;
  private final BootstrapScheduler scheduler;

  public ClawAdmission(ClawStore store, IdempotencyStore keys, BootstrapScheduler scheduler) {
    this.store = store;
    this.keys = keys;
    this.scheduler = scheduler;
  }

  /** The claw a request got, and whether this call created it. */
  public record Admission(UUID clawId, boolean created) {}

  /** The key was used before with a different request. */
  public static class KeyReusedException extends RuntimeException {
    public KeyReusedException() {
      super("Idempotency-Key was used with a different request", null, false, false);
    }
  }

  /**
   * Admits {@code request}; {@code requestDigest} identifies its body so a reused key with another
   * body is refused instead of silently answering for the first one.
   *
   * @throws KeyReusedException when {@code key} belongs to a different request
   */
  public Admission admit(ClawRequest request, Optional<String> key, String requestDigest) {
    if (key.isPresent()) {
      Optional<IdempotencyStore.Entry> earlier = keys.find(key.get());
      if (earlier.isPresent()) {
        return repeated(earlier.get(), requestDigest);
      }
    }
    UUID clawId = UUID.randomUUID();
    // Stored before the key is claimed: a key must never point at a claw with no request.
    store.create(clawId, request.withoutSecrets());
    if (key.isPresent()) {
      IdempotencyStore.Entry winner =
          keys.claim(key.get(), new IdempotencyStore.Entry(clawId, requestDigest));
      if (!winner.clawId().equals(clawId)) {
        store.delete(clawId);
        return repeated(winner, requestDigest);
      }
    }
    scheduler.start(clawId, request);
    return new Admission(clawId, true);
  }

  private static Admission repeated(IdempotencyStore.Entry entry, String requestDigest) {
    if (!entry.requestDigest().equals(requestDigest)) {
      throw new KeyReusedException();
    }
    return new Admission(entry.clawId(), false);
  }
}
