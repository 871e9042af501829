package io.clawops.provisioner.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that watch what the provisioner publishes: one recording per test. */
public abstract class TopicRecordingTest {

  protected RecordedTopics topics;

  /** The topics to record; {@code claw.bootstrap} and {@code claw.tasks} unless overridden. */
  protected RecordedTopics record() {
    return RecordedTopics.bootstrapAndTasks();
  }

  @BeforeEach
  void startRecording() {
    topics = record();
  }

  @AfterEach
  void stopRecording() {
    topics.close();
  }
}
