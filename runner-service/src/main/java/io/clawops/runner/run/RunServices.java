package io.clawops.runner.run;

import io.clawops.runner.agent.AgentLauncher;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * What every run of one runner shares.
 *
 * @param heartbeatScheduler runs nothing but heartbeats, so no slow work can delay them
 * @param watchdogScheduler deadlines, idle checks and SIGKILL escalation
 * @param stdinWriters writes hub messages, so a full stdin pipe never blocks the command consumer
 * @param agentThreads supervisor and output pump threads, one set per run
 */
public record RunServices(
    String runnerId,
    RunEventSink events,
    HeartbeatSink heartbeats,
    AgentLauncher launcher,
    ScheduledExecutorService heartbeatScheduler,
    ScheduledExecutorService watchdogScheduler,
    Executor stdinWriters,
    ThreadFactory agentThreads,
    Duration stopGrace,
    int maxLineBytes,
    int stderrTailChars) {}
