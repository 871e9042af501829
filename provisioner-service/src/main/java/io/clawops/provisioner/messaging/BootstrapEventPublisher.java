package io.clawops.provisioner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes a claw's checklist records on {@link Topics#BOOTSTRAP}, keyed by claw. */
@ApplicationScoped
public class BootstrapEventPublisher {

  /** Outgoing channel bound to {@link Topics#BOOTSTRAP}. */
  public static final String CHANNEL = "bootstrap-events";

  @Inject
  @Channel(CHANNEL)
  MutinyEmitter<String> emitter;

  @Inject EnvelopeSource source;

  /** Publishes {@code data} for {@code clawId}, returning once the broker acknowledged it. */
  public void publish(UUID clawId, MessageData data) {
    KeyedSend.andAwait(emitter, Envelope.of(clawId, source.value(), data));
  }
}
