package io.clawops.runner.run;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunClaimed;
import io.clawops.contracts.message.RunError;
import io.clawops.contracts.message.RunFinished;
import io.clawops.contracts.message.RunHubMessageDelivered;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunStarted;
import io.clawops.contracts.message.TaskDispatched;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.AgentLauncher;
import io.clawops.runner.agent.AgentProcess;
import io.clawops.runner.agent.LaunchPlan;
import io.clawops.runner.agent.Translation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One claimed task from {@code run.claimed} to {@code run.finished}: starts the agent, streams what
 * it says, beats, enforces the deadline and the idle watchdog, and obeys cancel and hub messages.
 *
 * <p>Stops are first-wins ({@link StopRequest}); {@code run.finished} is sent exactly once, by
 * whoever gets there first (the supervisor when the agent is gone, or a forced end at shutdown).
 */
public final class AgentRun {

  private static final Logger LOG = Logger.getLogger(AgentRun.class);
  private static final long WATCH_EVERY_MS = 200;

  /** Scanning the process table is the costly part of a watch: once a second is enough. */
  private static final int SCAN_TREE_EVERY_WATCHES = 5;

  /** How long an agent that printed its result may take to exit before it is stopped. */
  private static final long RESULT_GRACE_MS = 10_000;

  private final UUID clawId;
  private final UUID runId = UUID.randomUUID();
  private final TaskDispatched task;
  private final RunServices services;
  private final Consumer<AgentRun> onFinished;
  private final RunEventStream events;
  private final AgentOutput output;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
  private int watches;
  private StopRequest stop;
  private volatile AgentProcess process;
  private volatile Instant deadlineAt;
  private volatile Path scratch;

  /**
   * @param onFinished called once, after {@code run.finished} was sent (gives the slot back)
   */
  public AgentRun(
      UUID clawId, TaskDispatched task, RunServices services, Consumer<AgentRun> onFinished) {
    this.clawId = clawId;
    this.task = task;
    this.services = services;
    this.onFinished = onFinished;
    this.events = new RunEventStream(clawId, services.events());
    this.output =
        new AgentOutput(
            runId, task.attempt(), task.modelProfile().model(), events, services.stderrTailChars());
  }

  public UUID runId() {
    return runId;
  }

  public UUID clawId() {
    return clawId;
  }

  public int attempt() {
    return task.attempt();
  }

  /** Publishes {@code run.claimed} and waits for the broker, then starts the heartbeats. */
  public void claim(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    events
        .emit(seq -> new RunClaimed(runId, task.attempt(), seq, task.taskId(), services.runnerId()))
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    timers.add(
        new RunHeartbeats(clawId, runId, task.attempt(), services, events)
            .start(task.timeouts().heartbeatSeconds()));
  }

  /** Starts the agent and supervises it on a thread of its own. */
  public void start() {
    services.agentThreads().newThread(this::supervise).start();
  }

  /** Asks the agent to stop; the first request decides the outcome, later ones are ignored. */
  public boolean requestStop(StopCause cause, String detail) {
    return requestStop(cause, detail, null);
  }

  private boolean requestStop(StopCause cause, String detail, String code) {
    AgentProcess agent;
    synchronized (this) {
      if (stop != null || finished.get()) {
        return false;
      }
      boolean deadlinePassed = deadlineAt != null && !Instant.now().isBefore(deadlineAt);
      stop = new StopRequest(cause, detail, deadlinePassed, output.resultSeen(), code);
      agent = process;
    }
    LOG.infof("stopping run %s of claw %s: %s", runId, clawId, cause);
    if (agent != null) {
      agent.terminateTree();
      long grace = services.stopGrace().toMillis();
      services.watchdogScheduler().schedule(agent::killTree, grace, TimeUnit.MILLISECONDS);
    }
    return true;
  }

  /**
   * Writes a hub message to the agent's stdin in the form its format takes, then reports it
   * delivered; one the agent cannot get (it takes no input mid-run, its stdin is closed) is
   * reported undelivered, never delivered, so the status-service can go on without it.
   */
  public void injectHubMessage(UUID commandId, String text) {
    AgentProcess agent = process;
    if (agent == null || finished.get()) {
      undelivered(commandId, "no agent is running for this run");
      return;
    }
    Optional<String> line = output.adapter().hubMessageLine(commandId, text);
    if (line.isEmpty()) {
      undelivered(commandId, "the agent takes no input mid-run (runtime " + task.runtime() + ")");
      return;
    }
    boolean confirmedByAgent = output.adapter().confirmsDelivery();
    agent
        .writeLine(line.get(), services.stdinWriters())
        .thenRun(
            () -> {
              if (!confirmedByAgent) {
                events.emit(
                    seq -> new RunHubMessageDelivered(runId, task.attempt(), seq, commandId));
              }
            })
        .exceptionally(
            failure -> {
              if (!output.resultSeen()) {
                // After its result the agent is ending by itself: the message is moot, not lost.
                undelivered(commandId, "the agent's stdin is closed");
              }
              return null;
            });
  }

  /**
   * Drops a claimed run that never started because its task went to another runner before this
   * runner committed it. It reports nothing more: its heartbeats stop, and the status-service
   * judges the claim by liveness as for any runner that fell silent.
   */
  public void abandon() {
    if (process != null || !finished.compareAndSet(false, true)) {
      return;
    }
    timers.forEach(timer -> timer.cancel(false));
    LOG.warnf(
        "run %s of claw %s not started: its task was not committed and may run elsewhere",
        runId, clawId);
    onFinished.accept(this);
  }

  private void undelivered(UUID commandId, String reason) {
    LOG.infof("hub message %s not delivered to run %s: %s", commandId, runId, reason);
    // Ignored once run.finished was sent: nothing follows it.
    events.emit(seq -> new RunHubMessageUndelivered(runId, task.attempt(), seq, commandId, reason));
  }

  /** Ends the run now, whatever the agent does, killing what is left of it. */
  public void forceEnd(FinalOutcome outcome) {
    AgentProcess agent = process;
    if (agent != null) {
      agent.killTree();
    }
    finish(outcome);
  }

  private void supervise() {
    Thread.currentThread().setName("run-" + runId.toString().substring(0, 8));
    try {
      LaunchPlan plan = services.launcher().plan(clawId, runId, task);
      if (plan instanceof LaunchPlan.Refused refused) {
        finish(FinalOutcome.of(RunOutcome.FAILED, refused.code(), refused.message()));
        return;
      }
      LaunchPlan.Ready ready = (LaunchPlan.Ready) plan;
      output.use(ready.adapter(), ready.secrets(), this::onControl);
      AgentProcess agent = spawn(ready);
      if (agent == null) {
        finish(OutcomeDecider.decide(ending(null)));
        return;
      }
      agent.pumpOutput(
          services.agentThreads(), services.maxLineBytes(), output::onStdout, output::onStderr);
      int exit = agent.awaitExit();
      finish(OutcomeDecider.decide(ending(exit)));
    } catch (IOException e) {
      finish(
          FinalOutcome.of(
              RunOutcome.FAILED,
              ReasonCode.PROCESS_FAILURE,
              "could not start the agent: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      forceEnd(FinalOutcome.of(RunOutcome.FAILED, ReasonCode.RUNNER_LOST, "runner interrupted"));
    } catch (RuntimeException e) {
      LOG.errorf(e, "supervising run %s failed", runId);
      forceEnd(
          FinalOutcome.of(
              RunOutcome.FAILED,
              ReasonCode.PROCESS_FAILURE,
              "runner error while supervising the agent: " + e.getClass().getSimpleName()));
    }
  }

  /** Starts the process unless a stop came first; null when it did. */
  private AgentProcess spawn(LaunchPlan.Ready plan) throws IOException {
    scratch = plan.scratch();
    int runSeconds = task.timeouts().runSeconds();
    synchronized (this) {
      if (stop != null) {
        return null;
      }
      process = AgentProcess.start(plan.command(), plan.workdir(), plan.env());
      output.agentStarted();
      openStdin(process);
      deadlineAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(runSeconds);
      events.emit(
          seq -> new RunStarted(runId, task.attempt(), seq, task.modelProfile(), deadlineAt));
    }
    LOG.infof(
        "run %s of claw %s started agent pid %d (runtime %s, attempt %d)",
        runId, clawId, process.pid(), task.runtime(), task.attempt());
    timers.add(
        services
            .watchdogScheduler()
            .schedule(
                () -> requestStop(StopCause.HARD_TIMEOUT, null),
                Duration.between(Instant.now(), deadlineAt).toMillis(),
                TimeUnit.MILLISECONDS));
    timers.add(
        services
            .watchdogScheduler()
            .scheduleWithFixedDelay(
                this::watch, WATCH_EVERY_MS, WATCH_EVERY_MS, TimeUnit.MILLISECONDS));
    return process;
  }

  private void watch() {
    AgentProcess agent = process;
    if (agent == null || finished.get()) {
      return;
    }
    if (++watches % SCAN_TREE_EVERY_WATCHES == 0) {
      agent.rememberDescendants();
    }
    OptionalLong modelSilent = output.adapter().modelSilentMillis();
    int modelLimit = task.modelProfile().idleTimeoutSeconds();
    if (modelSilent.isPresent()
        && !output.toolCallPending()
        && !output.resultSeen()
        && modelSilent.getAsLong() >= modelLimit * 1000L) {
      modelTimeout(modelLimit);
      return;
    }
    IdleWatchdog.check(output.silentMillis(), output.toolCallPending(), task.timeouts())
        .ifPresent(message -> requestStop(StopCause.IDLE_WATCHDOG, message));
  }

  /**
   * M1 for agents whose model calls the runner times: no answer within the profile's
   * idleTimeoutSeconds, retries included, is a model timeout that names the provider's trouble.
   */
  private void modelTimeout(int limitSeconds) {
    String trouble = output.adapter().providerTrouble();
    String message =
        "model "
            + task.modelProfile().model()
            + " gave no answer for "
            + limitSeconds
            + "s (idleTimeoutSeconds)"
            + (trouble == null ? "" : "; last provider signal: " + trouble);
    synchronized (this) {
      if (stop != null) {
        return;
      }
      events.emit(
          seq ->
              new RunError(runId, task.attempt(), seq, ReasonCode.MODEL_TIMEOUT.code(), message));
    }
    requestStop(StopCause.MODEL_TIMEOUT, message);
  }

  /** The prompt for agents that read it from stdin; stdin closed for those that never read it. */
  private void openStdin(AgentProcess agent) {
    AgentAdapter adapter = output.adapter();
    if (!adapter.readsStdin()) {
      agent.closeStdin();
      return;
    }
    adapter.openingLines().forEach(line -> agent.writeLine(line, services.stdinWriters()));
  }

  /** What the adapter read that the run must act on: a stop, or the result. */
  private void onControl(Translation translation) {
    if (translation instanceof Translation.Stop stopNow) {
      requestStop(StopCause.AGENT_FAILURE, stopNow.message(), stopNow.code());
    } else if (translation instanceof Translation.Result) {
      AgentProcess agent = process;
      if (agent != null && output.adapter().closeStdinAfterResult()) {
        agent.closeStdinAfterWrites(services.stdinWriters());
      }
      if (!output.adapter().stopsLingeringAfterResult()) {
        return;
      }
      timers.add(
          services
              .watchdogScheduler()
              .schedule(
                  () ->
                      requestStop(
                          StopCause.RESULT_LINGER, "agent printed its result but did not exit"),
                  RESULT_GRACE_MS,
                  TimeUnit.MILLISECONDS));
    }
  }

  private synchronized RunEnding ending(Integer exitCode) {
    return output.ending(stop, exitCode, task.timeouts().runSeconds());
  }

  private void finish(FinalOutcome outcome) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    timers.forEach(timer -> timer.cancel(false));
    Instant deadline = deadlineAt;
    events.emitLast(
        seq ->
            new RunFinished(
                runId,
                task.attempt(),
                seq,
                outcome.outcome(),
                outcome.code(),
                outcome.message(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                deadline));
    AgentProcess agent = process;
    if (agent != null) {
      agent.closeStdin();
    }
    AgentLauncher.discard(scratch);
    LOG.infof(
        "run %s of claw %s finished %s%s",
        runId,
        clawId,
        outcome.outcome().wire(),
        outcome.code() == null
            ? ""
            : " (" + outcome.code() + ": " + Sanitizer.sanitize(outcome.message()) + ")");
    onFinished.accept(this);
  }
}
