package io.clawops.provisioner.support;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Envelope;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.TopicRecorder;
import java.util.UUID;

/** A test's connection to the broker: records topics from now on and publishes commands. */
public final class RecordedTopics implements AutoCloseable {

  private final ClawKafka kafka;
  private final TopicRecorder recorder;

  private RecordedTopics(String... topics) {
    this.kafka = ClawKafka.connect();
    this.recorder = kafka.record(topics);
  }

  /** Records {@code claw.bootstrap} and {@code claw.tasks}. */
  public static RecordedTopics bootstrapAndTasks() {
    return new RecordedTopics(Topics.BOOTSTRAP, Topics.TASKS);
  }

  /** Records every topic of the contract. */
  public static RecordedTopics all() {
    return new RecordedTopics(Topics.ALL.toArray(String[]::new));
  }

  /** One claw's records. */
  public ClawRecords claw(UUID clawId) {
    return new ClawRecords(recorder, clawId);
  }

  public TopicRecorder recorder() {
    return recorder;
  }

  /** Publishes an envelope on {@code topic}, keyed by its claw. */
  public void publish(String topic, Envelope envelope) {
    kafka.publish(topic, envelope);
  }

  /** Publishes any text. */
  public void publishRaw(String topic, String key, String value) {
    kafka.publishRaw(topic, key, value);
  }

  @Override
  public void close() {
    recorder.close();
    kafka.close();
  }
}
