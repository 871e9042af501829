package io.clawops.provisioner.messaging;

import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes an envelope keyed by its claw and blocks until the broker acknowledged it. */
final class KeyedSend {

  private KeyedSend() {}

  /**
   * Sends and waits for the ack ({@code acks=all}); bounded by the producer's delivery timeout.
   * Blocking is the point: the next record of the claw must not leave before this one landed.
   */
  static void andAwait(MutinyEmitter<String> emitter, Envelope envelope) {
    Message<String> message =
        Message.of(EnvelopeCodec.encode(envelope))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(envelope.key()).build());
    emitter.sendMessageAndAwait(message);
  }
}
