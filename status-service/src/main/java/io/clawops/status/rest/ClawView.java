package io.clawops.status.rest;

import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.status.claw.Cause;
import io.clawops.status.claw.HubMessage;
import io.clawops.status.claw.Lifecycle;
import io.clawops.status.claw.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A claw's record as the REST API serves it (DESIGN §10 {@code GET /api/claws/{id}}). */
public record ClawView(
    UUID clawId,
    String workflowRunId,
    ClawStatus status,
    String statusReason,
    String statusMessage,
    boolean retryable,
    Lifecycle lifecycle,
    ConnectionState connection,
    Long evidenceAgeSeconds,
    Double queueWaitSeconds,
    FailureView lastFailure,
    List<FailureView> failures,
    List<StepResult> bootstrap,
    List<ConditionView> conditions,
    Capabilities capabilities,
    RunView run,
    List<RunView> runs,
    List<HubMessage> hubMessages,
    Instant createdAt,
    Instant updatedAt,
    Integer maxAttempts,
    Instant statusSince) {

  /** A classified failure with the operator's remediation line. */
  public record FailureView(
      String code, String message, String remediation, boolean retryable, Instant at, UUID runId) {}

  /** A Kubernetes-style condition. */
  public record ConditionView(
      String type, String status, String reason, String message, Instant lastTransitionAt) {}

  /** One attempt. */
  public record RunView(
      UUID runId,
      int attempt,
      String runnerId,
      Object modelProfile,
      String outcome,
      String pinnedCause,
      List<Cause> causes,
      Instant deadlineAt,
      Instant dispatchedAt,
      Instant startedAt,
      Instant finishedAt) {}
}
