package io.clawops.provisioner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.CommandRebootstrap;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.provisioner.bootstrap.BootstrapScheduler;
import io.clawops.support.messaging.DeadLetterPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@link Topics#COMMANDS} for {@code command.rebootstrap} and hands it to the scheduler,
 * which only queues the checklist, so the record is acknowledged at once; every other command type
 * is the runners' and is skipped. A record that is not a valid envelope is dead-lettered.
 */
@ApplicationScoped
public class CommandConsumer {

  /** Incoming channel over {@link Topics#COMMANDS}. */
  public static final String CHANNEL = "commands";

  private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

  @Inject BootstrapScheduler scheduler;
  @Inject DeadLetterPublisher deadLetters;

  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecord<String, String> record) {
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(record.key(), record.value());
    } catch (MessageFormatException e) {
      LOG.warnf(
          "dead-lettering %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), Sanitizer.sanitize(e.getMessage()));
      deadLetters.publish(record, e.getMessage());
      return;
    }
    if (envelope.data() instanceof CommandRebootstrap command) {
      BootstrapScheduler.Rebootstrap outcome =
          scheduler.rebootstrap(envelope.clawId(), command.commandId());
      LOG.infof(
          "claw %s: rebootstrap command %s: %s",
          envelope.clawId(), command.commandId(), outcome.name().toLowerCase(Locale.ROOT));
    }
  }
}
