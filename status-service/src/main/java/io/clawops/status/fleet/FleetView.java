package io.clawops.status.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** The fleet as of now, read from the store and judged with the configured rules. */
@ApplicationScoped
public class FleetView {

  @Inject FleetStore store;
  @Inject FleetConfig config;

  public Fleet now(Instant now) {
    return Fleet.of(store.runners(now.minus(config.forgetAfter())), now, config.lostAfterBeats());
  }

  public FleetStore.Queue queue() {
    return store.queue();
  }
}
