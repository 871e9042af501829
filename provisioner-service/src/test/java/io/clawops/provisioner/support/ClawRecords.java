package io.clawops.provisioner.support;

import static org.awaitility.Awaitility.await;

import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.testkit.TopicRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads one claw's records out of a {@link TopicRecorder}, so tests never see each other's. */
public final class ClawRecords {

  /** How long a test watches for a record that must not come. */
  public static final Duration QUIET_PERIOD = Duration.ofMillis(1500);

  private final TopicRecorder recorder;
  private final UUID clawId;

  public ClawRecords(TopicRecorder recorder, UUID clawId) {
    this.recorder = recorder;
    this.clawId = clawId;
  }

  /** Every envelope of this claw so far, in arrival order. */
  public List<Envelope> envelopes() {
    return recorder.envelopes().stream().filter(e -> e.clawId().equals(clawId)).toList();
  }

  /** The envelopes of one type. */
  public List<Envelope> ofType(String type) {
    return envelopes().stream().filter(e -> e.type().equals(type)).toList();
  }

  /** Waits for the {@code n}-th (1-based) {@code bootstrap.completed} of this claw. */
  public BootstrapCompleted awaitCompleted(int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> ofType(BootstrapCompleted.TYPE).size() >= n);
    return (BootstrapCompleted) ofType(BootstrapCompleted.TYPE).get(n - 1).data();
  }

  /** Waits for this claw's task. */
  public TaskDispatched awaitTask() {
    await().atMost(Duration.ofSeconds(30)).until(() -> !ofType(TaskDispatched.TYPE).isEmpty());
    return (TaskDispatched) ofType(TaskDispatched.TYPE).get(0).data();
  }

  /** The steps of bootstrap attempt {@code attempt}, in arrival order. */
  public List<BootstrapStep> steps(int attempt) {
    return ofType(BootstrapStep.TYPE).stream()
        .map(e -> (BootstrapStep) e.data())
        .filter(step -> step.attempt() == attempt)
        .toList();
  }

  /** One step of bootstrap attempt {@code attempt}. */
  public BootstrapStep step(int attempt, String name) {
    return steps(attempt).stream()
        .filter(step -> step.step().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in attempt " + attempt));
  }

  /** The evidence entry of the {@code index}-th repository of a step. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> repositoryEvidence(BootstrapStep step, int index) {
    return ((List<Map<String, Object>>) step.evidence().get("repositories")).get(index);
  }

  /** Asserts this claw gets no task during the quiet period. */
  public void assertNoTaskFor(Duration period) {
    await()
        .during(period)
        .atMost(period.plusSeconds(5))
        .until(() -> ofType(TaskDispatched.TYPE).isEmpty());
  }
}
