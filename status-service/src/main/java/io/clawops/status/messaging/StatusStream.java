package io.clawops.status.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Broadcasts every {@code status.changed} on {@code claw.status} to the connected stream clients.
 * Each instance reads the whole topic with a group of its own, so a client sees every change
 * whichever instance made it.
 */
@ApplicationScoped
public class StatusStream {

  /** Incoming channel over claw.status, from the latest offset. */
  public static final String CHANNEL = "status-stream";

  private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

  @Incoming(CHANNEL)
  void onStatusChanged(String envelope) {
    changes.onNext(envelope);
  }

  /** Changes from now on, as the envelopes' JSON. */
  public Multi<String> changes() {
    return changes;
  }
}
