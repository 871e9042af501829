package io.clawops.status.claw;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clawops.contracts.Topics;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunModel;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.RunToolResult;
import io.clawops.contracts.message.RunToolUse;
import io.clawops.contracts.message.StatusChanged;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Drives the pure rules of one claw through a scripted sequence of events and clock ticks. */
final class ClawScenario {

  static final ModelProfile PRIMARY = new ModelProfile("primary", "minimax-m2", 120);
  static final ModelProfile FALLBACK = new ModelProfile("fallback", "qwen3-coder", 120);

  final UUID clawId = UUID.randomUUID();
  final RuleSettings rules = RuleSettings.defaults();
  private ClawSnapshot snapshot;
  final List<Effects.Outgoing> published = new ArrayList<>();
  final List<TimelineEntry> timeline = new ArrayList<>();
  Instant now = Instant.parse("2026-11-21T10:00:00Z");
  private long seq;
  private long beat;
  private Decision lastDecision;
  private final List<ClawReducer.Step> steps = new ArrayList<>();

  ClawScenario() {}

  /** A fresh copy of the claw as decided so far; null before its first record. */
  ClawState claw() {
    return snapshot == null ? null : snapshot.state();
  }

  ClawSnapshot snapshot() {
    return snapshot;
  }

  /** Requested, bootstrapped ok and dispatched as attempt 1 with the given fallbacks. */
  static ClawScenario dispatched(ModelProfile... fallbacks) {
    ClawScenario scenario = new ClawScenario();
    scenario.requested().bootstrapOk().dispatch(1, PRIMARY, List.of(fallbacks), 3);
    return scenario;
  }

  /** As {@link #dispatched} and then claimed and started by a runner. */
  static ClawScenario running(ModelProfile... fallbacks) {
    ClawScenario scenario = dispatched(fallbacks);
    scenario.claim(UUID.randomUUID()).start();
    return scenario;
  }

  ClawScenario requested() {
    return apply(
        new BootstrapRequested(
            "wf-1", JsonNodeFactory.instance.objectNode(), now.plus(Duration.ofMinutes(10))));
  }

  ClawScenario bootstrapOk() {
    return apply(new BootstrapCompleted(true, null, null));
  }

  ClawScenario dispatch(int attempt, ModelProfile profile, List<ModelProfile> fallbacks, int max) {
    return apply(
        new TaskDispatched(
            UUID.randomUUID(),
            attempt,
            "sim",
            "scenario: healthy",
            "/work/claws/" + clawId,
            profile,
            fallbacks,
            new Capabilities(false, false, true, true),
            new Timeouts(3600, 300, 1800, 10),
            max));
  }

  ClawScenario claim(UUID runId) {
    seq = 0;
    beat = 0;
    return apply(new RunClaimed(runId, attempt(), ++seq, UUID.randomUUID(), "runner-1"));
  }

  ClawScenario start() {
    return apply(new RunStarted(runId(), attempt(), ++seq, PRIMARY, now.plus(Duration.ofHours(1))));
  }

  ClawScenario toolCall(String tool, String digest, boolean ok, String error) {
    String callId = "c" + seq;
    apply(new RunToolUse(runId(), attempt(), ++seq, callId, tool, digest, tool + " input"));
    return apply(
        new RunToolResult(
            runId(), attempt(), ++seq, callId, tool, ok, error, ok ? "out-" + digest : null));
  }

  ClawScenario modelTimeout() {
    return apply(
        new RunModel(runId(), attempt(), ++seq, ModelPhase.TIMEOUT, "minimax-m2", 120_000L));
  }

  ClawScenario error(String code, String message) {
    return apply(new RunError(runId(), attempt(), ++seq, code, message));
  }

  ClawScenario delivered(UUID commandId) {
    return apply(new RunHubMessageDelivered(runId(), attempt(), ++seq, commandId));
  }

  ClawScenario undelivered(UUID commandId, String reason) {
    return apply(new RunHubMessageUndelivered(runId(), attempt(), ++seq, commandId, reason));
  }

  ClawScenario finished(RunOutcome outcome, String code, Instant finishedAt) {
    Instant deadline = claw().currentRun().deadlineAt;
    return apply(
        new RunFinished(runId(), attempt(), ++seq, outcome, code, null, finishedAt, deadline));
  }

  ClawScenario beat() {
    return apply(new RunHeartbeat(runId(), attempt(), "runner-1", seq, ++beat));
  }

  /** Applies an envelope as the fold does, then publishes a status change if there is one. */
  ClawScenario apply(MessageData data) {
    return apply(Envelope.of(clawId, "test", data));
  }

  ClawScenario apply(Envelope envelope) {
    Envelope timed =
        new Envelope(
            envelope.eventId(),
            envelope.type(),
            envelope.clawId(),
            now,
            envelope.source(),
            envelope.schema(),
            envelope.data());
    decide(new ClawInput.Event(timed, 0));
    return this;
  }

  /** Moves the clock and fires the due timers. */
  ClawScenario advance(Duration duration) {
    now = now.plus(duration);
    return tick(Instant.EPOCH);
  }

  /** Fires the due timers now, for an instance that began watching the claw at {@code since}. */
  ClawScenario tick(Instant since) {
    decide(new ClawInput.Tick(since, Duration.ofSeconds(1)));
    return this;
  }

  ActionResult retry(String profile) {
    return retry(profile, null);
  }

  ActionResult retry(String profile, Integer runSeconds) {
    return decide(new ClawInput.Retry(profile, runSeconds)).result();
  }

  ActionResult cancel() {
    return decide(new ClawInput.Cancel()).result();
  }

  ActionResult remove() {
    return decide(new ClawInput.Remove()).result();
  }

  /** Decides one input at the scenario's clock, as the service does, and keeps its effects. */
  Decision decide(ClawInput input) {
    steps.add(new ClawReducer.Step(input, now));
    Decision decision = ClawReducer.decide(snapshot, clawId, input, now, rules, "status/test");
    snapshot = decision.snapshot();
    published.addAll(decision.outgoing());
    timeline.addAll(decision.timeline());
    lastDecision = decision;
    return decision;
  }

  /** Every input decided so far, with its clock: the claw's history as the reducer saw it. */
  List<ClawReducer.Step> steps() {
    return List.copyOf(steps);
  }

  Decision lastDecision() {
    return lastDecision;
  }

  StatusView status() {
    ClawState claw = claw();
    return StatusClassifier.classify(claw, Liveness.connection(claw, now, rules));
  }

  <T extends MessageData> List<T> published(Class<T> type) {
    return published.stream()
        .map(out -> out.envelope().data())
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  List<CommandInjectMessage> injected() {
    return published(CommandInjectMessage.class);
  }

  List<CommandCancel> cancels() {
    return published(CommandCancel.class);
  }

  List<TaskDispatched> tasks() {
    return published.stream()
        .filter(out -> out.topic().equals(Topics.TASKS))
        .map(out -> (TaskDispatched) out.envelope().data())
        .toList();
  }

  List<StatusChanged> statusChanges() {
    return published(StatusChanged.class);
  }

  UUID runId() {
    return claw().currentRun().runId;
  }

  int attempt() {
    return claw().currentAttempt();
  }
}
