package io.clawops.runner.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The runs this runner owns right now, so commands act only on them. */
public final class RunRegistry {

  private final Map<UUID, AgentRun> byRunId = new ConcurrentHashMap<>();

  public void add(AgentRun run) {
    byRunId.put(run.runId(), run);
  }

  public void remove(AgentRun run) {
    byRunId.remove(run.runId());
    synchronized (this) {
      notifyAll();
    }
  }

  public Optional<AgentRun> find(UUID runId) {
    return Optional.ofNullable(runId == null ? null : byRunId.get(runId));
  }

  public List<AgentRun> forClaw(UUID clawId) {
    return byRunId.values().stream().filter(run -> run.clawId().equals(clawId)).toList();
  }

  public List<AgentRun> all() {
    return List.copyOf(byRunId.values());
  }

  /** Waits until no run is left or {@code timeout} passed; true when none is left. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!byRunId.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
