package io.clawops.runner.run;

import io.clawops.contracts.message.RunEvent;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Where run events go ({@code claw.events}); never throws, failures complete the future. */
public interface RunEventSink {

  /** Sends without waiting; the future completes when the broker acknowledged the event. */
  CompletableFuture<Void> publish(UUID clawId, RunEvent event);
}
