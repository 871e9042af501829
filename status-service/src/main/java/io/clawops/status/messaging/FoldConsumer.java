package io.clawops.status.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.fleet.FleetStore;
import io.clawops.status.fleet.RunnerRecord;
import io.clawops.status.fold.FoldService;
import io.clawops.status.outage.DatabaseOutage;
import io.clawops.status.outage.DatabaseRetry;
import io.clawops.status.outage.DatabaseRetryConfig;
import io.clawops.status.persistence.ReceivedEvent;
import io.clawops.support.messaging.DeadLetterPublisher;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Receives every polled batch of the input topics and applies them in rounds ({@link FoldIntake}:
 * the batches that arrived while the last round ran): routes malformed records to the dead-letter
 * topic and hands the rest to the fold in one transaction. While the database is away it holds the
 * round, uncommitted, and tries the same round again until the database is back (DESIGN §9): an
 * outage is never mistaken for a poison record.
 */
@ApplicationScoped
public class FoldConsumer {

  /** Incoming channel over claw.bootstrap, claw.tasks, claw.events and claw.heartbeats. */
  public static final String CHANNEL = "fold";

  /** The topics of the channel; co-partitioned: one claw is on the same partition of each. */
  public static final List<String> TOPICS =
      List.of(Topics.BOOTSTRAP, Topics.TASKS, Topics.EVENTS, Topics.HEARTBEATS);

  private static final Logger LOG = Logger.getLogger(FoldConsumer.class);

  @Inject DeadLetterPublisher deadLetters;
  @Inject FoldService fold;
  @Inject OutboxRelay relay;
  @Inject FleetStore fleet;
  @Inject DatabaseOutage outage;
  @Inject DatabaseRetryConfig retryConfig;
  @Inject StatusConfig config;
  @Inject MeterRegistry registry;

  private DatabaseRetry retry;

  /** How long each round took, from taking its batches to their acknowledgement. */
  private Timer roundTime;

  /** How many records each round applied. */
  private DistributionSummary roundRecords;

  @Inject
  @Identifier(FoldPartitions.NAME)
  FoldPartitions partitions;

  private FoldIntake<KafkaRecordBatch<String, FoldValue>> intake;

  @PostConstruct
  void init() {
    retry = DatabaseRetry.sleeping(DatabaseOutage.FOLD, outage, retryConfig.backoff());
    roundTime =
        Timer.builder("clawops.fold.round")
            .description("time a fold round took, waits for the database included")
            .register(registry);
    roundRecords =
        DistributionSummary.builder("clawops.fold.round.records")
            .description("records a fold round applied")
            .register(registry);
    intake =
        new FoldIntake<>(
            "fold", config.foldMaxPending(), batch -> records(batch).count(), this::applyRound);
  }

  /**
   * Hands a polled batch to the next round ({@link FoldIntake}); the batch is acknowledged once its
   * round committed and every dead letter of it was acknowledged, so the offsets committed
   * afterwards never skip an unapplied record. The stage completes when there is room for another
   * batch: while the database is away the rounds wait, the batches pile up to the bound and the
   * connector then pauses the partitions and keeps polling, so the consumer stays in its group.
   */
  @Incoming(CHANNEL)
  public CompletionStage<Void> consume(KafkaRecordBatch<String, FoldValue> batch) {
    return intake.offer(batch);
  }

  @PreDestroy
  void stop() {
    intake.stop();
  }

  /**
   * One round: the batches that arrived while the last round was applied, in their order, all of
   * them applied and acknowledged. A batch of a partition revoked while it waited is applied too:
   * what is applied is what may be acknowledged, and the new owner's copy of it is a redelivery,
   * which F1 makes harmless.
   */
  private void applyRound(List<KafkaRecordBatch<String, FoldValue>> batches) {
    long started = System.nanoTime();
    List<ConsumerRecord<String, FoldValue>> records = new ArrayList<>();
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    try {
      for (KafkaRecordBatch<String, FoldValue> batch : batches) {
        ConsumerRecords<String, FoldValue> polled = records(batch);
        polled.forEach(records::add);
        for (TopicPartition partition : polled.partitions()) {
          List<ConsumerRecord<String, FoldValue>> ofPartition = polled.records(partition);
          next.put(partition, ofPartition.get(ofPartition.size() - 1).offset() + 1);
        }
      }
      apply(records);
    } catch (RuntimeException e) {
      // Not a database outage (those are waited out) nor a poison record (dead-lettered): a defect.
      LOG.errorf(
          "fold round of %d records failed: %s",
          records.size(), Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX));
      batches.forEach(batch -> batch.nack(e));
      return;
    }
    batches.forEach(KafkaRecordBatch::ack);
    // Only now, with the round applied: the timers of a partition wait until its backlog is folded.
    next.forEach(partitions::folded);
    roundTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    roundRecords.record(records.size());
  }

  private static ConsumerRecords<String, FoldValue> records(
      KafkaRecordBatch<String, FoldValue> batch) {
    @SuppressWarnings("unchecked")
    IncomingKafkaRecordBatchMetadata<String, FoldValue> metadata =
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
    return metadata.getRecords();
  }

  /**
   * Applies the records of one round in one transaction. While the database is away it does not
   * return: it tries the same round again until the database is back (DESIGN §9).
   */
  private void apply(List<ConsumerRecord<String, FoldValue>> records) {
    List<ReceivedEvent> events = new ArrayList<>(records.size());
    List<ConsumerRecord<String, FoldValue>> decoded = new ArrayList<>(records.size());
    List<RunnerRecord> runnerBeats = new ArrayList<>();
    List<DeadLetterPublisher.DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, FoldValue> record : records) {
      try {
        // Decoded during the fetch (FoldValue.Decoder); only the key is checked here.
        Envelope envelope = FoldValue.envelope(record);
        if (envelope.data() instanceof RunnerBeat beat) {
          // Capacity of a runner, not news of a claw: it goes to the fleet, not into a claw record.
          runnerBeats.add(RunnerRecord.of(beat, envelope.occurredAt()));
          continue;
        }
        events.add(new ReceivedEvent(record.topic(), record.partition(), envelope));
        decoded.add(record);
      } catch (MessageFormatException e) {
        letters.add(deadLetter(record, e.getMessage()));
      }
    }
    recordRunnerBeats(runnerBeats);
    // All of a round's dead letters at once, acknowledged before the round's offsets commit.
    deadLetters.publishAll(letters);
    if (events.isEmpty()) {
      return;
    }
    try {
      retry.run(() -> fold.applyBatch(events));
    } catch (RuntimeException batchFailure) {
      // Not the database: one record the rules cannot apply must not hold back the others.
      LOG.warnf(
          "round of %d events failed (%s); applying its records one by one",
          events.size(), Sanitizer.sanitize(batchFailure.toString(), Sanitizer.MESSAGE_MAX));
      for (int i = 0; i < events.size(); i++) {
        ReceivedEvent event = events.get(i);
        try {
          retry.run(() -> fold.applyBatch(List.of(event)));
        } catch (RuntimeException recordFailure) {
          // Failed the same way on its own, and not for want of a database: a poison record.
          deadLetters.publishAll(
              List.of(
                  deadLetter(
                      decoded.get(i), "could not be applied: " + recordFailure.getMessage())));
        }
      }
    }
    relay.kick();
  }

  /**
   * Beats wait for a database that is away like events do; a beat that cannot be stored for a
   * reason of its own is superseded by the runner's next one: never fatal.
   */
  private void recordRunnerBeats(List<RunnerRecord> beats) {
    if (beats.isEmpty()) {
      // Nothing to store is no news of the database either.
      return;
    }
    try {
      retry.run(() -> fleet.record(beats));
    } catch (RuntimeException e) {
      LOG.warnf(
          "%d runner beats not recorded: %s",
          beats.size(), Sanitizer.sanitize(e.toString(), Sanitizer.MESSAGE_MAX));
    }
  }

  private static DeadLetterPublisher.DeadLetter deadLetter(
      ConsumerRecord<String, FoldValue> record, String reason) {
    LOG.warnf(
        "dead-lettering %s-%d@%d: %s",
        record.topic(),
        record.partition(),
        record.offset(),
        Sanitizer.sanitize(reason, Sanitizer.MESSAGE_MAX));
    return new DeadLetterPublisher.DeadLetter(FoldValue.asText(record), reason);
  }
}
