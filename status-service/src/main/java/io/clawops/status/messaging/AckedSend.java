package io.clawops.status.messaging;

import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends through an emitter and completes when the broker acknowledged (or refused) the record. */
final class AckedSend {

  private AckedSend() {}

  static CompletableFuture<Void> send(Emitter<String> emitter, Message<String> message) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    emitter.send(
        message
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    return acked;
  }
}
