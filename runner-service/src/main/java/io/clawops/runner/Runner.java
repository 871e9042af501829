package io.clawops.runner;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.message.RunnerBeat;
import io.clawops.runner.agent.AgentLauncher;
import io.clawops.runner.agent.RuntimeProfiles;
import io.clawops.runner.config.RunnerSettings;
import io.clawops.runner.messaging.CommandListener;
import io.clawops.runner.messaging.DeadLetterPublisher;
import io.clawops.runner.messaging.EventPublisher;
import io.clawops.runner.messaging.HeartbeatPublisher;
import io.clawops.runner.messaging.RunnerBeatPublisher;
import io.clawops.runner.messaging.TaskClaimLoop;
import io.clawops.runner.run.AgentRun;
import io.clawops.runner.run.CommandRouter;
import io.clawops.runner.run.FinalOutcome;
import io.clawops.runner.run.RunRegistry;
import io.clawops.runner.run.RunServices;
import io.clawops.runner.run.RunStarter;
import io.clawops.runner.run.SlotPool;
import io.clawops.runner.run.StopCause;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * One runner instance, assembled from plain parts: slots, the claim loop, the command listener, the
 * publishers and the threads runs use. Quarkus starts one ({@link RunnerLifecycle}); tests may
 * start more in the same JVM.
 */
public final class Runner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Runner.class);
  private static final Duration COMMANDS_READY_TIMEOUT = Duration.ofSeconds(10);

  /** Beyond the stop grace: time for SIGKILL to land and run.finished to be sent. */
  private static final Duration STOP_SLACK = Duration.ofSeconds(5);

  private final RunnerSettings settings;
  private final SlotPool slots;
  private final RunRegistry runs = new RunRegistry();
  private final EventPublisher events;
  private final HeartbeatPublisher heartbeats;
  private final ScheduledExecutorService heartbeatScheduler;
  private final ScheduledExecutorService watchdogScheduler;
  private final ExecutorService stdinWriters;
  private final TaskClaimLoop claimLoop;
  private final CommandListener commands;
  private final RunnerBeatPublisher beats;

  public Runner(RunnerSettings settings, RuntimeProfiles profiles) {
    this.settings = settings;
    String id = settings.runnerId();
    this.slots = new SlotPool(settings.slots());
    this.events = new EventPublisher(settings.kafka(), id);
    this.heartbeats = new HeartbeatPublisher(settings.kafka(), id);
    this.heartbeatScheduler =
        Executors.newSingleThreadScheduledExecutor(threads(id + "-heartbeats"));
    this.watchdogScheduler = Executors.newSingleThreadScheduledExecutor(threads(id + "-watchdog"));
    this.stdinWriters = Executors.newCachedThreadPool(threads(id + "-stdin"));
    RunServices services =
        new RunServices(
            id,
            events,
            heartbeats,
            new AgentLauncher(
                profiles, settings.workspacesRoot(), settings.scratchDir(), System.getenv()),
            heartbeatScheduler,
            watchdogScheduler,
            stdinWriters,
            threads(id + "-run"),
            settings.stopGrace(),
            settings.maxLineBytes(),
            settings.stderrTailChars());
    this.claimLoop =
        new TaskClaimLoop(
            settings.kafka(),
            id,
            slots,
            new RunStarter(services, runs, slots),
            new DeadLetterPublisher(events),
            this::capacityChanged);
    this.beats =
        new RunnerBeatPublisher(settings.kafka(), id, settings.beatInterval(), this::capacity);
    slots.onChange(beats::changed);
    this.commands = new CommandListener(settings.kafka(), id, new CommandRouter(runs));
    LOG.infof(
        "runner %s: %d slots, runtimes %s",
        id, settings.slots(), String.join(", ", profiles.names()));
  }

  /** Starts listening for commands, then (once it can hear a cancel) claiming tasks. */
  public void start() throws InterruptedException {
    commands.start();
    if (!commands.awaitReady(COMMANDS_READY_TIMEOUT)) {
      LOG.warnf("command consumer not assigned after %s; claiming anyway", COMMANDS_READY_TIMEOUT);
    }
    beats.start();
    claimLoop.start();
  }

  public String id() {
    return settings.runnerId();
  }

  public Set<TopicPartition> taskPartitions() {
    return claimLoop.assignment();
  }

  public SlotPool slots() {
    return slots;
  }

  /** True while the runner is in the claim group (it has a free slot). */
  public boolean claiming() {
    return claimLoop.claiming();
  }

  /** False when a consumer thread died and the runner can no longer claim or obey. */
  public boolean healthy() {
    return claimLoop.isAlive() && commands.isAlive();
  }

  /**
   * Shuts down without leaving a run looking alive: stops claiming, lets running agents finish
   * within the shutdown grace, stops the rest ({@code platform.runner_lost}), flushes the events.
   */
  @Override
  public void close() {
    LOG.infof("runner %s shutting down with %d runs", id(), runs.all().size());
    claimLoop.close();
    try {
      if (!runs.awaitEmpty(settings.shutdownGrace())) {
        runs.all().forEach(run -> run.requestStop(StopCause.SHUTDOWN, "runner shutting down"));
        if (!runs.awaitEmpty(settings.stopGrace().plus(STOP_SLACK))) {
          runs.all().forEach(Runner::forceEnd);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runs.all().forEach(Runner::forceEnd);
    }
    commands.close();
    beats.close();
    heartbeatScheduler.shutdownNow();
    watchdogScheduler.shutdownNow();
    stdinWriters.shutdownNow();
    events.flush();
    events.close();
    heartbeats.close();
  }

  /** What this runner reports in its capacity beat. */
  private RunnerBeat capacity(long beat) {
    return new RunnerBeat(
        id(),
        slots.capacity(),
        slots.busy(),
        runs.all().stream()
            .map(run -> new RunnerBeat.HeldRun(run.clawId(), run.runId(), run.attempt()))
            .toList(),
        settings.version(),
        (int) settings.beatInterval().toSeconds(),
        beat,
        claimLoop != null && claimLoop.claiming());
  }

  private void capacityChanged() {
    if (beats != null) {
      beats.changed();
    }
  }

  private static void forceEnd(AgentRun run) {
    run.forceEnd(
        FinalOutcome.of(RunOutcome.FAILED, ReasonCode.RUNNER_LOST, "runner shutting down"));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      // Runs are ended explicitly on shutdown; a stuck thread must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
