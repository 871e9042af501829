package io.clawops.status.claw;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.message.RunOutcome;
import java.time.Instant;
import java.util.UUID;

/** One attempt of a claw's task: from dispatch through claim and start to its outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunState {

  public int attempt;
  public UUID taskId;

  /** Null until a runner claimed the attempt (or a heartbeat named it first, F2). */
  public UUID runId;

  public String runnerId;
  public ModelProfile modelProfile;
  public Instant dispatchedAt;
  public Instant claimedAt;
  public Instant startedAt;
  public Instant deadlineAt;
  public Instant finishedAt;

  /** The outcome the runner reported, kept sticky per F4; null while the run lasts. */
  public RunOutcome outcome;

  /** The first authoritative cause (F5), a reason code; null while none. */
  public String pinnedCause;

  /** The message of the pinned cause. */
  public String pinnedMessage;

  /**
   * The recovery that made this attempt (a fallback, re-dispatch or retry): the claw is {@code
   * recovering} until the attempt starts. Null for an attempt a task of the workflow made.
   */
  public Recovery origin;

  /** Highest event seq applied: the (runId, seq) high-water mark of F1. */
  public long highSeq;

  public Instant lastHeartbeatAt;
  public long lastBeat;
  public int consecutiveBeats;
  public Instant cancelRequestedAt;
  public boolean modelTimeoutHandled;

  /**
   * The provider trouble the agent is retrying through (a {@code run.model} retry), cleared by the
   * next model response; shown as {@code ModelResponsive False} while the run goes on.
   */
  public Cause modelRetry;

  /** Set when a newer attempt replaced this one: what it still sends is stale (F3). */
  public boolean superseded;

  public LoopState loop = new LoopState();

  /** True while the attempt holds (or waits for) a runner: dispatched, not finished. */
  public boolean isActive() {
    return outcome == null && !superseded;
  }

  /** True once a runner owns the attempt and it has not finished. */
  public boolean isClaimedAndActive() {
    return isActive() && claimedAt != null;
  }

  /** The message of the pinned cause, if any. */
  public String pinnedMessage() {
    return pinnedCause == null ? null : pinnedMessage;
  }
}
