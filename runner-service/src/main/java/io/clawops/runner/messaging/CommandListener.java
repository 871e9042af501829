package io.clawops.runner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.runner.run.CommandRouter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reads every command on {@code claw.commands} in a consumer group of this runner alone (commands
 * are broadcast, DESIGN §9) and hands them to the {@link CommandRouter}.
 *
 * <p>It starts at the end and never commits: commands only concern runs that are alive, and a
 * restarted runner owns none. A malformed command is logged and skipped rather than dead-lettered,
 * because every runner reads it and the dead-letter topic would get one copy per runner.
 */
public final class CommandListener extends PollingLoop {

  private static final Logger LOG = Logger.getLogger(CommandListener.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final CommandRouter router;
  private final CountDownLatch ready = new CountDownLatch(1);

  public CommandListener(Map<String, Object> kafka, String runnerId, CommandRouter router) {
    super(
        new KafkaConsumer<>(
            KafkaClients.consumer(
                kafka,
                groupId(runnerId),
                runnerId + "-commands",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))),
        runnerId + "-commands");
    this.router = router;
  }

  /** The consumer group of one runner instance. */
  public static String groupId(String runnerId) {
    return "clawops-runner-" + runnerId;
  }

  /** Waits until the partitions are assigned and positioned, so no later command is missed. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void subscribe() {
    consumer.subscribe(List.of(Topics.COMMANDS), new Positioning());
  }

  @Override
  protected void round() {
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      apply(record);
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    try {
      router.accept(EnvelopeCodec.decode(record.key(), record.value()));
    } catch (MessageFormatException e) {
      LOG.warnf(
          "skipping malformed command %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  /** Resolves the start positions at once, before reporting ready. */
  private final class Positioning implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(consumer::position);
      ready.countDown();
    }
  }
}
