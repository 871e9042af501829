package io.clawops.status.fold;

import io.clawops.status.claw.ClawState;
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
 * The claw documents the fold wrote last, kept between batches so a batch reads from PostgreSQL
 * only the claws it has not seen (DESIGN §9). It is only a cache: every write checks the stored
 * version, so a document another writer changed meanwhile is read again, never overwritten. Least
 * recently folded claws leave first.
 */
@ApplicationScoped
public class ClawCache {

  @Inject StatusConfig config;

  private Map<UUID, ClawState> claws;

  @PostConstruct
  void init() {
    int capacity = Math.max(0, config.foldCachedClaws());
    claws =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, ClawState> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached documents of these claws; the others are absent. */
  public synchronized Map<UUID, ClawState> getAll(Collection<UUID> clawIds) {
    Map<UUID, ClawState> found = new HashMap<>();
    for (UUID clawId : clawIds) {
      ClawState claw = claws.get(clawId);
      if (claw != null) {
        found.put(clawId, claw);
      }
    }
    return found;
  }

  /** Keeps documents as just committed. */
  public synchronized void putAll(Collection<ClawState> committed) {
    for (ClawState claw : committed) {
      claws.put(claw.clawId, claw);
    }
  }

  /** Forgets documents whose in-memory copy may differ from the stored one. */
  public synchronized void evictAll(Collection<UUID> clawIds) {
    clawIds.forEach(claws::remove);
  }
}
