package io.clawops.status.persistence;

import java.util.Set;
import java.util.UUID;

/**
 * Another writer (a timer, an action, another instance) changed these claws since they were read:
 * nothing of the transaction may be kept; read them again and decide again.
 */
public final class StaleClawsException extends RuntimeException {

  private final transient Set<UUID> clawIds;

  public StaleClawsException(Set<UUID> clawIds) {
    super(clawIds.size() + " claw(s) changed by another writer since they were read");
    this.clawIds = Set.copyOf(clawIds);
  }

  public Set<UUID> clawIds() {
    return clawIds;
  }
}
