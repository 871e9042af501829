package io.clawops.e2e.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.Topics;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.BootstrapCompleted;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.Envelope;
import io.clawops.contracts.message.MessageData;
import io.clawops.contracts.message.ModelPhase;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A recorded history as the provisioner and the runners write it (DESIGN §3, §4): per claw the
 * bootstrap checklist, the first task, and one or two runs with their tool calls, model calls,
 * heartbeats and outcome, all of it in the past and in time order across claws. Some claws' runs
 * make status-service act: an {@code elevated is not available} loop (L1), a same-call loop (L2), a
 * model timeout whose fallback runs attempt 2 (M2). Every claw ends finished, so no timer is due
 * once its history is folded.
 */
final class RecordedHistory {

  /** What a claw's history holds, and so what a correct fold makes of it. */
  enum Kind {
    HEALTHY("completed", 1),
    ELEVATED_LOOP("completed", 1),
    SAME_CALL_LOOP("completed", 1),
    MODEL_TIMEOUT_FALLBACK("completed", 2),
    PROVIDER_AUTH_FAILURE("failed", 1);

    final String status;
    final int attempts;

    Kind(String status, int attempts) {
      this.status = status;
      this.attempts = attempts;
    }
  }

  /** One record as produced, value encoded. */
  record Sent(String topic, String key, String value, UUID eventId) {}

  private static final ModelProfile PRIMARY = new ModelProfile("primary", "minimax-m2", 120);
  private static final ModelProfile FALLBACK = new ModelProfile("fallback", "glm-4.6", 120);
  private static final Capabilities CAPABILITIES = new Capabilities(false, false, true, true);
  private static final int HEARTBEAT_SECONDS = 10;
  private static final Timeouts TIMEOUTS = new Timeouts(7200, 300, 1800, HEARTBEAT_SECONDS);
  private static final String PROVISIONER = "provisioner/provisioner-0";
  private static final List<String> STEPS =
      List.of(
          "sandbox_created",
          "workspace_files_written",
          "credentials_configured",
          "repositories_cloned",
          "repositories_verified");

  /** One envelope before encoding, with its place in the history. */
  private record Planned(Instant at, long order, String topic, UUID clawId, Envelope envelope) {}

  private final long seed;
  private final Random random;
  private final List<Planned> planned = new ArrayList<>();
  private final Map<UUID, Kind> claws = new LinkedHashMap<>();
  private final Map<UUID, Integer> runAttempts = new java.util.HashMap<>();
  private long counter;

  private RecordedHistory(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /**
   * {@code clawCount} claws, each of ~{@code steps} agent steps, started 1.5 s apart, the whole
   * history ending before {@code end}.
   */
  static RecordedHistory generate(long seed, int clawCount, int steps, Instant end) {
    RecordedHistory history = new RecordedHistory(seed);
    // An agent step takes 2 s on average: every claw's history ends well before `end`.
    Instant start = end.minus(Duration.ofMillis(1_500L * clawCount + 4_000L * steps + 60_000));
    for (int i = 0; i < clawCount; i++) {
      history.claw(i, start.plusMillis(1_500L * i), steps);
    }
    history.planned.sort(Comparator.comparing(Planned::at).thenComparingLong(Planned::order));
    return history;
  }

  /** Every record, in the order they are produced. */
  List<Sent> records() {
    List<Sent> sent = new ArrayList<>(planned.size());
    for (Planned p : planned) {
      sent.add(
          new Sent(
              p.topic(), p.clawId().toString(), EnvelopeCodec.encode(p.envelope()), eventId(p)));
    }
    return sent;
  }

  /**
   * Every envelope but the heartbeats, which count by their run's beat counter (DESIGN F1): each
   * must be applied once, as {@code ClawDatabase.appliedEventIds} tells.
   */
  List<Envelope> envelopesButHeartbeats() {
    return planned.stream()
        .filter(p -> !Topics.HEARTBEATS.equals(p.topic()))
        .map(Planned::envelope)
        .toList();
  }

  Map<UUID, Kind> claws() {
    return claws;
  }

  int size() {
    return planned.size();
  }

  /** The number of claws of each kind. */
  Map<Kind, Long> census() {
    Map<Kind, Long> census = new LinkedHashMap<>();
    claws.values().forEach(kind -> census.merge(kind, 1L, Long::sum));
    return census;
  }

  /** Every id the history names (claws, runs, tasks, events, commands): the rest a fold mints. */
  Set<String> ids() {
    Set<String> ids = new HashSet<>();
    for (Planned p : planned) {
      ids.add(p.envelope().eventId().toString());
      ids.add(p.clawId().toString());
      if (p.envelope().data() instanceof TaskDispatched task) {
        ids.add(task.taskId().toString());
      } else if (p.envelope().data() instanceof RunClaimed claimed) {
        ids.add(claimed.runId().toString());
        ids.add(claimed.taskId().toString());
      } else if (p.envelope().data() instanceof RunHubMessageDelivered delivered) {
        ids.add(delivered.commandId().toString());
      }
    }
    return ids;
  }

  /** The attempt number of a run of the history, or "minted" for a run id it does not name. */
  String attemptOfRun(UUID runId) {
    Integer attempt = runAttempts.get(runId);
    return attempt == null ? "minted" : attempt.toString();
  }

  private static UUID eventId(Planned p) {
    return p.envelope().eventId();
  }

  private void claw(int index, Instant at, int steps) {
    UUID clawId = id("claw", index);
    Kind kind = kindOf(index);
    claws.put(clawId, kind);
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("runtime", "sim").put("prompt", "Fix the failing build of service " + index);
    spec.putObject("capabilities")
        .put("elevatedExec", false)
        .put("browser", false)
        .put("fileTools", true)
        .put("processTools", true);
    Instant t = at;
    emit(
        t,
        Topics.BOOTSTRAP,
        clawId,
        PROVISIONER,
        new BootstrapRequested("wf-" + index % 40, spec, t.plus(Duration.ofHours(1))));
    for (String step : STEPS) {
      t = t.plusMillis(200 + random.nextInt(400));
      Map<String, Object> evidence =
          step.startsWith("repositories")
              ? Map.of("repository", "app", "path", "app", "gitDir", true)
              : Map.of();
      emit(
          t,
          Topics.BOOTSTRAP,
          clawId,
          PROVISIONER,
          new BootstrapStep(
              step, StepOutcome.OK, null, null, 1, 200 + random.nextInt(800), evidence));
    }
    t = t.plusMillis(50);
    emit(t, Topics.BOOTSTRAP, clawId, PROVISIONER, new BootstrapCompleted(true, null, null));
    t = t.plusMillis(30);
    TaskDispatched task =
        new TaskDispatched(
            id("task", index),
            1,
            "sim",
            "Fix the failing build of service " + index,
            "/var/clawops/workspaces/" + clawId,
            PRIMARY,
            List.of(FALLBACK),
            CAPABILITIES,
            TIMEOUTS,
            3);
    emit(t, Topics.TASKS, clawId, PROVISIONER, task);
    String runner = "runner-" + (index % 8);
    if (kind == Kind.MODEL_TIMEOUT_FALLBACK) {
      t = run(clawId, index, 1, task.taskId(), runner, PRIMARY, t, 6, kind);
      // What the runner saw of the live status-service's re-dispatch: attempt 2 on the fallback.
      run(clawId, index, 2, id("task-2", index), runner, FALLBACK, t.plusSeconds(2), steps, kind);
    } else {
      run(clawId, index, 1, task.taskId(), runner, PRIMARY, t, steps, kind);
    }
  }

  /** One attempt from claim to outcome, with its heartbeats; returns when it finished. */
  private Instant run(
      UUID clawId,
      int index,
      int attempt,
      UUID taskId,
      String runnerId,
      ModelProfile profile,
      Instant claimedAt,
      int steps,
      Kind kind) {
    UUID runId = id("run-" + attempt, index);
    String source = "runner/" + runnerId;
    long[] seq = {0};
    Instant t = claimedAt.plusMillis(100 + random.nextInt(300));
    runAttempts.put(runId, attempt);
    emit(
        t,
        Topics.EVENTS,
        clawId,
        source,
        new RunClaimed(runId, attempt, ++seq[0], taskId, runnerId));
    t = t.plusMillis(300 + random.nextInt(500));
    emit(
        t,
        Topics.EVENTS,
        clawId,
        source,
        new RunStarted(runId, attempt, ++seq[0], profile, t.plusSeconds(TIMEOUTS.runSeconds())));
    boolean timesOut = kind == Kind.MODEL_TIMEOUT_FALLBACK && attempt == 1;
    for (int step = 0; step < steps; step++) {
      t = t.plusMillis(800 + random.nextInt(2_400));
      if (step % 3 == 0) {
        emit(
            t,
            Topics.EVENTS,
            clawId,
            source,
            model(runId, attempt, ++seq[0], ModelPhase.REQUEST, profile, null));
        if (timesOut && step == 3) {
          t = t.plusSeconds(profile.idleTimeoutSeconds());
          emit(
              t,
              Topics.EVENTS,
              clawId,
              source,
              model(runId, attempt, ++seq[0], ModelPhase.TIMEOUT, profile, 120_000L));
          emit(
              t,
              Topics.EVENTS,
              clawId,
              source,
              new RunError(
                  runId,
                  attempt,
                  ++seq[0],
                  ReasonCode.MODEL_TIMEOUT.code(),
                  "provider idle timeout after 120s"));
          break;
        }
        t = t.plusMillis(200 + random.nextInt(1_500));
        emit(
            t,
            Topics.EVENTS,
            clawId,
            source,
            model(runId, attempt, ++seq[0], ModelPhase.RESPONSE, profile, 900L));
      } else {
        tool(clawId, index, runId, attempt, seq, source, t, step, kind);
      }
    }
    t = t.plusMillis(300);
    RunFinished finished =
        switch (kind) {
          case PROVIDER_AUTH_FAILURE -> {
            emit(
                t,
                Topics.EVENTS,
                clawId,
                source,
                new RunError(
                    runId,
                    attempt,
                    ++seq[0],
                    ReasonCode.PROVIDER_AUTH.code(),
                    "401 invalid api key"));
            yield finish(
                runId, attempt, ++seq[0], RunOutcome.FAILED, ReasonCode.PROVIDER_AUTH.code(), t);
          }
          default ->
              timesOut
                  ? finish(
                      runId,
                      attempt,
                      ++seq[0],
                      RunOutcome.FAILED,
                      ReasonCode.MODEL_TIMEOUT.code(),
                      t)
                  : finish(runId, attempt, ++seq[0], RunOutcome.COMPLETED, null, t);
        };
    emit(t.plusMillis(20), Topics.EVENTS, clawId, source, finished);
    beats(clawId, runId, attempt, runnerId, source, claimedAt, t, seq[0]);
    return t;
  }

  private RunFinished finish(
      UUID runId, int attempt, long seq, RunOutcome outcome, String code, Instant at) {
    return new RunFinished(
        runId,
        attempt,
        seq,
        outcome,
        code,
        code == null ? "done" : "stopped: " + code,
        at,
        at.plusSeconds(TIMEOUTS.runSeconds()));
  }

  /** A tool call and its result; the loop claws repeat theirs early in the run. */
  private void tool(
      UUID clawId,
      int index,
      UUID runId,
      int attempt,
      long[] seq,
      String source,
      Instant t,
      int step,
      Kind kind) {
    String callId = "c" + step;
    boolean elevated = kind == Kind.ELEVATED_LOOP && (step == 1 || step == 2);
    boolean repeated = kind == Kind.SAME_CALL_LOOP && step >= 4 && step <= 7 && step != 6;
    String tool = elevated ? "exec" : repeated ? "read_file" : step % 2 == 0 ? "exec" : "edit_file";
    String input =
        elevated
            ? "sudo make install"
            : repeated ? "cat app/build.log" : "step " + step + " of claw " + index;
    emit(
        t,
        Topics.EVENTS,
        clawId,
        source,
        new RunToolUse(runId, attempt, ++seq[0], callId, tool, digest(input), input));
    Instant done = t.plusMillis(100 + random.nextInt(600));
    RunToolResult result =
        elevated
            ? new RunToolResult(
                runId,
                attempt,
                ++seq[0],
                callId,
                tool,
                false,
                "exec failed: elevated is not available",
                null)
            : new RunToolResult(
                runId,
                attempt,
                ++seq[0],
                callId,
                tool,
                true,
                null,
                digest(repeated ? "same log" : input + " ok"));
    emit(done, Topics.EVENTS, clawId, source, result);
    if (kind == Kind.ELEVATED_LOOP && step == 2) {
      // The live status-service's hub message reached the agent: its id is that service's.
      emit(
          done.plusMillis(400),
          Topics.EVENTS,
          clawId,
          source,
          new RunHubMessageDelivered(runId, attempt, ++seq[0], id("command", index)));
    }
  }

  /** Heartbeats every interval from the claim to the end of the run. */
  private void beats(
      UUID clawId,
      UUID runId,
      int attempt,
      String runnerId,
      String source,
      Instant from,
      Instant to,
      long lastSeq) {
    long beat = 0;
    for (Instant at = from.plusSeconds(1);
        at.isBefore(to);
        at = at.plusSeconds(HEARTBEAT_SECONDS)) {
      emit(
          at,
          Topics.HEARTBEATS,
          clawId,
          source,
          new RunHeartbeat(runId, attempt, runnerId, Math.min(lastSeq, beat * 4 + 2), ++beat));
    }
  }

  private static RunModel model(
      UUID runId, int attempt, long seq, ModelPhase phase, ModelProfile profile, Long latency) {
    return new RunModel(runId, attempt, seq, phase, profile.model(), latency, null);
  }

  private static Kind kindOf(int index) {
    return switch (index % 25) {
      case 3 -> Kind.ELEVATED_LOOP;
      case 8 -> Kind.SAME_CALL_LOOP;
      case 13 -> Kind.MODEL_TIMEOUT_FALLBACK;
      case 18 -> Kind.PROVIDER_AUTH_FAILURE;
      default -> Kind.HEALTHY;
    };
  }

  private void emit(Instant at, String topic, UUID clawId, String source, MessageData data) {
    Envelope envelope =
        new Envelope(id("event", counter), null, clawId, at, source, Envelope.CURRENT_SCHEMA, data);
    planned.add(new Planned(at, counter++, topic, clawId, envelope));
  }

  /** Name-based ids: the same seed gives the same history. */
  private UUID id(String kind, long index) {
    return UUID.nameUUIDFromBytes(
        (seed + "/" + kind + "/" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static String digest(String input) {
    return UUID.nameUUIDFromBytes(input.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }
}
