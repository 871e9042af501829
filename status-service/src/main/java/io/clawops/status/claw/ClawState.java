package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clawops.contracts.ReasonCode;
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
@JsonInclude(JsonInclude.Include.NON_NULL)
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

  /**
   * The cause ledger (DESIGN F5), oldest first and bounded: every cause of every attempt and of the
   * claw itself. The pins are {@link RunState#pinnedCause} and {@link #clawCause}; the failure
   * history is derived from it ({@link #failures()}).
   */
  public List<Cause> causes = new ArrayList<>();

  /**
   * When the operator last asked for the bootstrap checklist again (a retry of a bootstrap
   * failure); it is a recovery in flight until the checklist completes after it.
   */
  public Instant rebootstrapRequestedAt;

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

  /**
   * Timer ticks and operator actions decided so far: with the claw id, names what they publish (ids
   * are derived from their cause, so the same history publishes the same records).
   */
  public long decisions;

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

  /**
   * Whether the current attempt sits in the queue: dispatched, not claimed, and nothing ended it.
   */
  public boolean waitsForRunner() {
    RunState run = currentRun();
    return run != null
        && run.isActive()
        && run.claimedAt == null
        && run.runId == null
        && lifecycle == Lifecycle.READY
        && cancelRequestedAt == null;
  }

  /**
   * Since when the claw has its status; a claw stored before {@link #statusSince} existed has had
   * it at most since its last change.
   */
  public Instant inStatusSince() {
    return statusSince != null ? statusSince : updatedAt;
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

  /**
   * The recovery in flight (DESIGN §6.2 {@code recovering}), derived: a new attempt (fallback,
   * re-dispatch, retry) until it starts, a corrective message until the agent's answer settles it,
   * a re-run checklist until it completes. Never while a cancel or removal stands, and never for a
   * run whose cause is already pinned.
   */
  public Recovery recovery() {
    if (lifecycle == Lifecycle.REMOVED
        || cancelRequestedAt != null
        || ReasonCode.CANCELLED.code().equals(clawCause)) {
      return null;
    }
    RunState run = currentRun();
    if (run != null && run.isActive() && run.pinnedCause == null) {
      if (run.origin != null && run.startedAt == null) {
        return run.origin;
      }
      for (int i = hubMessages.size() - 1; i >= 0; i--) {
        HubMessage message = hubMessages.get(i);
        if (HubMessage.PENDING.equals(message.outcome()) && message.runId().equals(run.runId)) {
          return new Recovery(
              Recovery.CORRECTIVE_MESSAGE,
              "corrective message sent (" + message.rule() + ")",
              message.at(),
              run.attempt);
        }
      }
    }
    if (rebootstrapRequestedAt != null
        && (bootstrap.completedAt == null
            || bootstrap.completedAt.isBefore(rebootstrapRequestedAt))) {
      return new Recovery(
          Recovery.REBOOTSTRAP, "bootstrap checklist re-run", rebootstrapRequestedAt, 0);
    }
    return null;
  }

  /** The failure history, newest last and bounded: the failure entries of the cause ledger. */
  public List<Failure> failures(int limit) {
    return CauseLedger.failures(causes, limit).stream()
        .map(
            cause ->
                new Failure(
                    cause.code(),
                    cause.message(),
                    cause.at(),
                    cause.runId(),
                    CauseLedger.retryable(cause.code())))
        .toList();
  }

  /** The latest failure, kept across later events (F7) and recoveries; null when none. */
  public Failure lastFailure() {
    List<Failure> last = failures(1);
    return last.isEmpty() ? null : last.get(0);
  }

  /** The ledger's causes of one attempt, oldest first. */
  public List<Cause> causesOf(int attempt) {
    return causes.stream().filter(cause -> cause.attempt() == attempt).toList();
  }

  /** The highest attempt number dispatched so far, 0 before the first. */
  public int currentAttempt() {
    RunState current = currentRun();
    return current == null ? 0 : current.attempt;
  }
}
