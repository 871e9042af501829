package io.clawops.status.fold;

import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.config.StatusConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The claw snapshots this instance wrote last, kept between batches so a batch reads from
 * PostgreSQL only the claws it has not seen (DESIGN §9). It is only a cache: every write checks the
 * stored version, so a document another writer changed meanwhile is read again, never overwritten.
 * Least recently folded claws leave first.
 */
@ApplicationScoped
public class ClawCache {

  @Inject StatusConfig config;

  private Map<UUID, ClawSnapshot> claws;

  @PostConstruct
  void init() {
    int capacity = Math.max(0, config.foldCachedClaws());
    claws =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, ClawSnapshot> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached documents of these claws; the others are absent. */
  public synchronized Map<UUID, ClawSnapshot> getAll(Collection<UUID> clawIds) {
    Map<UUID, ClawSnapshot> found = new HashMap<>();
    for (UUID clawId : clawIds) {
      ClawSnapshot claw = claws.get(clawId);
      if (claw != null) {
        found.put(clawId, claw);
      }
    }
    return found;
  }

  /** Keeps snapshots as just committed; an older one never replaces a newer one. */
  public synchronized void putAll(Collection<ClawSnapshot> committed) {
    for (ClawSnapshot claw : committed) {
      ClawSnapshot cached = claws.get(claw.clawId());
      if (cached == null || cached.version() < claw.version()) {
        claws.put(claw.clawId(), claw);
      }
    }
  }

  /** Forgets documents whose in-memory copy may differ from the stored one. */
  public synchronized void evictAll(Collection<UUID> clawIds) {
    clawIds.forEach(claws::remove);
  }
}
