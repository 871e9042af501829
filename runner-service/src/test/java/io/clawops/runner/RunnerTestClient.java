package io.clawops.runner;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.CommandCancel;
import io.clawops.contracts.message.CommandInjectMessage;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunEvent;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHeartbeat;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.message.Timeouts;
import io.clawops.testkit.ClawKafka;
import io.clawops.testkit.ConsumedRecord;
import io.clawops.testkit.TopicRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Drives the runner over the real broker as the rest of ClawOps does: publishes tasks and commands
 * and records {@code claw.events}, {@code claw.heartbeats} and {@code claw.dlq} from its creation
 * on, filtered per claw so tests stay independent.
 */
final class RunnerTestClient implements AutoCloseable {

  static final Path WORKSPACES = Path.of("target", "test-workspaces").toAbsolutePath();

  private final ClawKafka kafka = ClawKafka.connect();
  private final TopicRecorder recorder = kafka.record(Topics.EVENTS, Topics.HEARTBEATS, Topics.DLQ);

  /** A task with short test timeouts: the sim runtime playing {@code healthy}. */
  static Task task() {
    return new Task();
  }

  /** Publishes the task for a new claw (with a fresh workspace) and returns the claw id. */
  UUID dispatch(Task task) {
    UUID clawId = task.clawId == null ? UUID.randomUUID() : task.clawId;
    Path workspace = WORKSPACES.resolve(clawId.toString());
    try {
      Files.createDirectories(workspace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TaskDispatched data =
        new TaskDispatched(
            UUID.randomUUID(),
            task.attempt,
            task.runtime,
            task.prompt,
            task.workspacePath == null ? workspace.toString() : task.workspacePath,
            new ModelProfile(task.profile, task.model, 60),
            List.of(),
            new Capabilities(false, false, true, true),
            new Timeouts(task.runSeconds, task.idleSeconds, task.toolIdleSeconds, 1),
            3);
    kafka.publish(Topics.TASKS, Envelope.of(clawId, "test", data));
    return clawId;
  }

  static Path workspace(UUID clawId) {
    return WORKSPACES.resolve(clawId.toString());
  }

  /** This claw's run events so far, in publication order. */
  List<RunEvent> events(UUID clawId) {
    return envelopes(clawId).stream()
        .filter(envelope -> envelope.data() instanceof RunEvent)
        .map(envelope -> (RunEvent) envelope.data())
        .toList();
  }

  /** This claw's envelopes of one type, with their envelope fields. */
  List<Envelope> envelopes(UUID clawId, String type) {
    return envelopes(clawId).stream().filter(envelope -> envelope.type().equals(type)).toList();
  }

  List<RunHeartbeat> heartbeats(UUID clawId) {
    return envelopes(clawId, RunHeartbeat.TYPE).stream()
        .map(envelope -> (RunHeartbeat) envelope.data())
        .toList();
  }

  /** Waits for the claw's first event of {@code type}. */
  <T extends RunEvent> T await(UUID clawId, Class<T> type) {
    String wireType = wireType(type);
    ConsumedRecord record =
        recorder.awaitRecord(
            candidate ->
                clawId.toString().equals(candidate.key())
                    && candidate.value().contains("\"type\":\"" + wireType + "\""));
    return type.cast(record.envelope().orElseThrow().data());
  }

  RunFinished awaitFinished(UUID clawId) {
    return await(clawId, RunFinished.class);
  }

  /**
   * Decodes only this claw's records (keyed by claw id): a flooding run leaves tens of thousands of
   * records, and decoding them all on every poll would compete with the runner for the CPU.
   */
  private List<Envelope> envelopes(UUID clawId) {
    String key = clawId.toString();
    return recorder.records().stream()
        .filter(record -> key.equals(record.key()))
        .flatMap(record -> record.envelope().stream())
        .toList();
  }

  private static String wireType(Class<?> type) {
    try {
      return (String) type.getField("TYPE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type + " has no TYPE constant", e);
    }
  }

  UUID cancel(UUID clawId, UUID runId, String reason) {
    UUID commandId = UUID.randomUUID();
    kafka.publish(
        Topics.COMMANDS, Envelope.of(clawId, "test", new CommandCancel(commandId, runId, reason)));
    return commandId;
  }

  void inject(UUID clawId, UUID runId, UUID commandId, String text) {
    kafka.publish(
        Topics.COMMANDS,
        Envelope.of(clawId, "test", new CommandInjectMessage(commandId, runId, text, "L1")));
  }

  void publishRaw(String topic, String key, String value) {
    kafka.publishRaw(topic, key, value);
  }

  List<ConsumedRecord> records() {
    return recorder.records();
  }

  ConsumedRecord awaitRecord(java.util.function.Predicate<ConsumedRecord> match) {
    return recorder.awaitRecord(match);
  }

  @Override
  public void close() {
    recorder.close();
    kafka.close();
  }

  /** A task under construction; fields are the knobs tests turn. */
  static final class Task {
    UUID clawId;
    int attempt = 1;
    String runtime = "sim";
    String prompt = "scenario: healthy step-ms=20";
    String workspacePath;
    String profile = "primary";
    String model = "sim-model";
    int runSeconds = 30;
    int idleSeconds = 5;
    int toolIdleSeconds = 10;

    Task claw(UUID id) {
      clawId = id;
      return this;
    }

    Task attempt(int value) {
      attempt = value;
      return this;
    }

    Task runtime(String value) {
      runtime = value;
      return this;
    }

    Task prompt(String value) {
      prompt = value;
      return this;
    }

    Task workspacePath(String value) {
      workspacePath = value;
      return this;
    }

    Task model(String value) {
      model = value;
      return this;
    }

    Task timeouts(int run, int idle, int toolIdle) {
      runSeconds = run;
      idleSeconds = idle;
      toolIdleSeconds = toolIdle;
      return this;
    }
  }
}
