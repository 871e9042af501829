package io.clawops.status.claw;

import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.TaskDispatched;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything ClawOps knows about one claw, folded from its streams (DESIGN §6.1). Stored as one
 * document per claw; the displayed status is derived from it by {@link StatusClassifier}.
 */
public final class ClawState {

  public UUID clawId;
  public String workflowRunId;
  public Lifecycle lifecycle = Lifecycle.REQUESTED;
  public Instant createdAt;
  public Instant updatedAt;
  public Capabilities capabilities;
  public BootstrapState bootstrap = new BootstrapState();

  /** The latest task published for this claw: the template of every new attempt. */
  public TaskDispatched task;

  /** Model profile names already used by an attempt (M2 picks an unused fallback). */
  public List<String> usedProfiles = new ArrayList<>();

  /** Every attempt, oldest first; the last is the current one. */
  public List<RunState> runs = new ArrayList<>();

  /**
   * A claw-level cause that is not a run's: {@code platform.provision_timeout}, {@code
   * platform.dispatch_timeout}, {@code platform.runner_lost} with no attempt left, {@code
   * platform.cancelled} before any run. Null when none.
   */
  public String clawCause;

  public String clawCauseMessage;

  /** The latest classified failure, kept across later events (F7) and recoveries. */
  public Failure lastFailure;

  /** Bounded history of failures, newest last. */
  public List<Failure> failures = new ArrayList<>();

  public Recovery recovery;
  public Instant cancelRequestedAt;
  public UUID cancelCommandId;

  /** Corrective messages sent, with their outcome (L3), newest last, bounded. */
  public List<HubMessage> hubMessages = new ArrayList<>();

  /** The status and connection last published on claw.status, to publish only changes. */
  public StatusView published;

  public io.clawops.contracts.message.ConnectionState publishedConnection;

  /** When the published status last changed: the time the claw entered its current status. */
  public Instant statusSince;

  /** Timeline lines written so far; drives the pruning of old lines. */
  public int timelineLines;

  /** The input partition this claw's records arrive on: whoever owns it runs its timers. */
  public int partition = -1;

  /** How many times this document was written; a write expects the version it read (DESIGN §9). */
  public long version;

  public ClawState() {}

  public ClawState(UUID clawId, Instant at) {
    this.clawId = clawId;
    this.createdAt = at;
    this.updatedAt = at;
  }

  /** The current attempt, or null before the first task. */
  public RunState currentRun() {
    return runs.isEmpty() ? null : runs.get(runs.size() - 1);
  }

  /** The attempt with this number, or null. */
  public RunState run(int attempt) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).attempt == attempt) {
        return runs.get(i);
      }
    }
    return null;
  }

  /** The highest attempt number dispatched so far, 0 before the first. */
  public int currentAttempt() {
    RunState current = currentRun();
    return current == null ? 0 : current.attempt;
  }
}
