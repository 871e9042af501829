package io.clawops.runner.run;

import io.clawops.contracts.message.TaskDispatched;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a task into an owned run: registers it and publishes {@code run.claimed}. The caller has
 * already taken a slot; the run gives it back when it finishes.
 */
public final class RunStarter {

  /** How long the claim may wait for the broker before the task is left for a retry. */
  private static final Duration CLAIM_ACK_TIMEOUT = Duration.ofSeconds(15);

  private final RunServices services;
  private final RunRegistry registry;
  private final SlotPool slots;

  public RunStarter(RunServices services, RunRegistry registry, SlotPool slots) {
    this.services = services;
    this.registry = registry;
    this.slots = slots;
  }

  /**
   * Claims {@code task}; the returned run is started by the caller once the task record is
   * committed.
   *
   * @throws ClaimFailedException when {@code run.claimed} was not acknowledged; the run is dropped
   *     and the slot stays with the caller
   */
  public AgentRun claim(UUID clawId, TaskDispatched task) throws ClaimFailedException {
    AgentRun run = new AgentRun(clawId, task, services, this::release);
    registry.add(run);
    try {
      run.claim(CLAIM_ACK_TIMEOUT);
      return run;
    } catch (ExecutionException | TimeoutException e) {
      registry.remove(run);
      throw new ClaimFailedException("run.claimed was not acknowledged", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      registry.remove(run);
      throw new ClaimFailedException("interrupted while claiming", e);
    }
  }

  private void release(AgentRun finished) {
    registry.remove(finished);
    slots.release();
  }

  /** The claim could not be recorded; the task must stay uncommitted for a later attempt. */
  public static final class ClaimFailedException extends Exception {
    ClaimFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
