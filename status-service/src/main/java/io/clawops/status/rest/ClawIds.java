package io.clawops.status.rest;

import java.util.Optional;
import java.util.UUID;

/** Parses claw ids from paths without throwing. */
final class ClawIds {

  private ClawIds() {}

  static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
