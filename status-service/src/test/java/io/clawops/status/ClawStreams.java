package io.clawops.status;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.message.StepOutcome;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import io.clawops.testkit.ClawKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes one claw's streams onto the real topics the way provisioner and runners do. */
final class ClawStreams {

  static final ModelProfile PRIMARY = new ModelProfile("primary", "minimax-m2", 120);
  static final ModelProfile FALLBACK = new ModelProfile("fallback", "qwen3-coder", 120);

  final UUID clawId = UUID.randomUUID();
  final String workflowRunId;
  private final ClawKafka kafka;
  private UUID runId;
  private int attempt;
  private long seq;
  private long beat;

  ClawStreams(ClawKafka kafka) {
    this(kafka, "wf-" + UUID.randomUUID());
  }

  ClawStreams(ClawKafka kafka, String workflowRunId) {
    this.kafka = kafka;
    this.workflowRunId = workflowRunId;
  }

  ClawStreams requested() {
    return bootstrap(
        new BootstrapRequested(
            workflowRunId,
            io.clawops.contracts.codec.EnvelopeCodec.mapper()
                .valueToTree(
                    Map.of("capabilities", Map.of("elevatedExec", false, "browser", false))),
            Instant.now().plusSeconds(600)));
  }

  ClawStreams step(String step, StepOutcome outcome, String reason, String message) {
    return bootstrap(new BootstrapStep(step, outcome, reason, message, 1, 12, Map.of()));
  }

  ClawStreams completed(boolean ok, String reason, String message) {
    return bootstrap(new BootstrapCompleted(ok, reason, message));
  }

  ClawStreams dispatched(int heartbeatSeconds, ModelProfile... fallbacks) {
    attempt = 1;
    return publish(
        Topics.TASKS,
        new TaskDispatched(
            UUID.randomUUID(),
            1,
            "sim",
            "scenario: healthy",
            "/tmp/claws/" + clawId,
            PRIMARY,
            List.of(fallbacks),
            new Capabilities(false, false, true, true),
            new Timeouts(3600, 300, 1800, heartbeatSeconds),
            3));
  }

  /** A runner claims and starts the given attempt. */
  ClawStreams running(int attemptNumber, ModelProfile profile) {
    attempt = attemptNumber;
    runId = UUID.randomUUID();
    seq = 0;
    beat = 0;
    event(new RunClaimed(runId, attempt, ++seq, UUID.randomUUID(), "runner-test"));
    return event(new RunStarted(runId, attempt, ++seq, profile, Instant.now().plusSeconds(3600)));
  }

  ClawStreams toolCall(String tool, boolean ok, String error) {
    String callId = "c" + seq;
    event(new RunToolUse(runId, attempt, ++seq, callId, tool, "digest-1", "sudo make install"));
    return event(
        new RunToolResult(runId, attempt, ++seq, callId, tool, ok, error, ok ? "out" : null));
  }

  ClawStreams delivered(UUID commandId) {
    return event(new RunHubMessageDelivered(runId, attempt, ++seq, commandId));
  }

  ClawStreams modelTimeout() {
    return event(
        new RunModel(runId, attempt, ++seq, ModelPhase.TIMEOUT, PRIMARY.model(), 120_000L));
  }

  ClawStreams finished(RunOutcome outcome, String code) {
    return event(new RunFinished(runId, attempt, ++seq, outcome, code, null, Instant.now(), null));
  }

  ClawStreams beat() {
    return publish(Topics.HEARTBEATS, new RunHeartbeat(runId, attempt, "runner-test", seq, ++beat));
  }

  UUID runId() {
    return runId;
  }

  private ClawStreams bootstrap(MessageData data) {
    return publish(Topics.BOOTSTRAP, data);
  }

  private ClawStreams event(MessageData data) {
    return publish(Topics.EVENTS, data);
  }

  private ClawStreams publish(String topic, MessageData data) {
    kafka.publish(topic, Envelope.of(clawId, "test", data));
    return this;
  }
}
