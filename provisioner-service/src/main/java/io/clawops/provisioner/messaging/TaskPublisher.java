package io.clawops.provisioner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.TaskDispatched;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes the first task of a ready claw on {@link Topics#TASKS}, keyed by claw. */
@ApplicationScoped
public class TaskPublisher {

  /** Outgoing channel bound to {@link Topics#TASKS}. */
  public static final String CHANNEL = "tasks";

  @Inject
  @Channel(CHANNEL)
  MutinyEmitter<String> emitter;

  @Inject EnvelopeSource source;

  /** Publishes {@code task} for {@code clawId}, returning once the broker acknowledged it. */
  public void publish(UUID clawId, TaskDispatched task) {
    KeyedSend.andAwait(emitter, Envelope.of(clawId, source.value(), task));
  }
}
