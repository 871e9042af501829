package io.clawops.runner.messaging;

import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageFormatException;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.runner.run.AgentRun;
import io.clawops.runner.run.RunStarter;
import io.clawops.runner.run.RunStarter.ClaimFailedException;
import io.clawops.runner.run.SlotPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The runner's membership in the {@value #GROUP_ID} group on {@code claw.tasks}: takes a slot, then
 * one task, claims it, commits it, starts the run.
 *
 * <p>Capacity-aware dispatch (DESIGN §9): the runner is a member of the group only while it has a
 * free slot. When its last slot is taken it commits what it claimed and leaves the group, so the
 * broker hands its partitions to runners that can run their tasks; when a slot frees it joins
 * again. A partition is therefore always held by a runner with a free slot while one exists, and by
 * nobody (its tasks wait in Kafka, visible as lag) while every slot of the fleet is busy. One
 * record per poll means a task is never taken without a slot already held. The record is committed
 * right after {@code run.claimed} was acknowledged, never held for the life of the run: a lost run
 * is found by liveness, not by redelivery. The agent starts only once the record is committed (a
 * commit deferred by a rebalance holds the start back), so a task redelivered to another runner was
 * never started here. Closing it stops claiming and leaves the group; running runs are not touched.
 */
public final class TaskClaimLoop extends PollingLoop {

  public static final String GROUP_ID = "clawops-runners";

  private static final Logger LOG = Logger.getLogger(TaskClaimLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RETRY_BACKOFF_MS = 1_000;

  private final SlotPool slots;
  private final RunStarter starter;
  private final DeadLetterPublisher deadLetters;
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private final Map<TopicPartition, List<AgentRun>> awaitingCommit = new HashMap<>();
  private final Runnable onMembership;
  private volatile boolean member;
  private volatile Set<TopicPartition> assignment = Set.of();

  public TaskClaimLoop(
      Map<String, Object> kafka,
      String runnerId,
      SlotPool slots,
      RunStarter starter,
      DeadLetterPublisher deadLetters,
      Runnable onMembership) {
    super(
        new KafkaConsumer<>(
            KafkaClients.consumer(
                kafka,
                GROUP_ID,
                runnerId + "-tasks",
                Map.of(
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                    // Tasks published while no runner was up must still run.
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    // Rebalances move only the partitions that must move.
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName(),
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000,
                    // A crashed runner's partitions move on after 15 s, not the default 45 s.
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000))),
        runnerId + "-claim-loop");
    this.slots = slots;
    this.starter = starter;
    this.deadLetters = deadLetters;
    this.onMembership = onMembership;
  }

  /** The partitions of {@code claw.tasks} this runner holds now. */
  public Set<TopicPartition> assignment() {
    return assignment;
  }

  /** True while this runner is a member of the claim group, i.e. while it has a free slot. */
  public boolean claiming() {
    return member;
  }

  @Override
  protected void subscribe() {
    if (slots.hasFree()) {
      join();
    }
  }

  @Override
  protected void round() {
    commitClaimed();
    if (!slots.hasFree()) {
      leave();
      awaitFreeSlot();
      return;
    }
    if (!member) {
      join();
    }
    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
      handle(record);
    }
  }

  @Override
  protected void afterError() {
    backOff();
  }

  @Override
  protected void beforeClose() {
    try {
      commitClaimed();
    } catch (WakeupException e) {
      // close() woke a loop that was waiting for a slot; commit once more without the wake-up.
      commitClaimed();
    }
  }

  private void join() {
    consumer.subscribe(List.of(Topics.TASKS), new Rebalance());
    member = true;
    LOG.debug("a slot is free: joining the claim group");
    onMembership.run();
  }

  /** Gives every partition back so runners with a free slot take their tasks. */
  private void leave() {
    if (!member) {
      return;
    }
    commitClaimed();
    // Revokes the partitions (the listener commits what is still uncommitted) and leaves the group.
    consumer.unsubscribe();
    member = false;
    assignment = Set.of();
    LOG.debugf("all %d slots busy: left the claim group", slots.capacity());
    onMembership.run();
  }

  private void awaitFreeSlot() {
    try {
      slots.awaitFree(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopLooping();
    }
  }

  private void handle(ConsumerRecord<String, String> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (!slots.tryTake()) {
      // Cannot happen while this thread is the only one taking slots; never claim without one.
      consumer.seek(partition, record.offset());
      return;
    }
    Optional<AgentRun> run;
    try {
      run = claim(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slots.release();
      consumer.seek(partition, record.offset());
      stopLooping();
      return;
    } catch (ClaimFailedException | ExecutionException | TimeoutException e) {
      slots.release();
      LOG.warnf(
          "task %s-%d@%d not claimed, will retry: %s",
          record.topic(), record.partition(), record.offset(), e.toString());
      consumer.seek(partition, record.offset());
      backOff();
      return;
    }
    if (run.isEmpty()) {
      slots.release();
    }
    uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
    run.ifPresent(r -> awaitingCommit.computeIfAbsent(partition, p -> new ArrayList<>()).add(r));
    commitClaimed();
    if (!awaitingCommit.isEmpty()) {
      LOG.debugf("claimed runs start once their tasks are committed: %s", awaitingCommit.keySet());
    }
  }

  private Optional<AgentRun> claim(ConsumerRecord<String, String> record)
      throws ClaimFailedException, ExecutionException, TimeoutException, InterruptedException {
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(record.key(), record.value());
    } catch (MessageFormatException e) {
      LOG.warnf(
          "dead-lettering %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      deadLetters.publish(record, e.getMessage());
      return Optional.empty();
    }
    if (!(envelope.data() instanceof TaskDispatched task)) {
      // An unknown type or newer schema is not an error (DESIGN §3): skip it.
      LOG.debugf("ignoring %s (schema %d) on %s", envelope.type(), envelope.schema(), Topics.TASKS);
      return Optional.empty();
    }
    ClaimPause.at("before-claimed", "task " + task.taskId());
    return Optional.of(starter.claim(envelope.clawId(), task));
  }

  private void commitClaimed() {
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(uncommitted);
      uncommitted.clear();
      startCommitted();
    } catch (RebalanceInProgressException | org.apache.kafka.common.errors.TimeoutException e) {
      LOG.debugf("commit deferred: %s", e.toString());
    } catch (CommitFailedException e) {
      LOG.warnf("claimed tasks not committed, they may run again elsewhere: %s", e.toString());
      abandonUncommitted(Set.copyOf(uncommitted.keySet()));
    }
  }

  /**
   * Starts the runs whose tasks are now committed. A run never starts before: a runner that dies
   * with its task uncommitted leaves it to the next runner, and must not have started it itself, or
   * the same attempt would run twice.
   */
  private void startCommitted() {
    List<AgentRun> ready = awaitingCommit.values().stream().flatMap(List::stream).toList();
    awaitingCommit.clear();
    for (AgentRun run : ready) {
      try {
        ClaimPause.at("before-start", "run " + run.runId());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopLooping();
      }
      run.start();
    }
  }

  /**
   * The tasks of {@code partitions} go to another runner before they were committed here: they are
   * no longer this runner's to commit, and their runs never start.
   */
  private void abandonUncommitted(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      uncommitted.remove(partition);
      List<AgentRun> lost = awaitingCommit.remove(partition);
      if (lost != null) {
        lost.forEach(AgentRun::abandon);
      }
    }
  }

  private void backOff() {
    try {
      Thread.sleep(RETRY_BACKOFF_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopLooping();
    }
  }

  /** Commits claimed tasks before partitions move away. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitClaimed();
      // What could not be committed before the partitions move is redelivered to their next owner.
      abandonUncommitted(partitions);
      assignment = Set.copyOf(consumer.assignment());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assignment = Set.copyOf(consumer.assignment());
      LOG.debugf("holding %d partitions of %s", assignment.size(), Topics.TASKS);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      abandonUncommitted(partitions);
      assignment = Set.copyOf(consumer.assignment());
    }
  }
}
