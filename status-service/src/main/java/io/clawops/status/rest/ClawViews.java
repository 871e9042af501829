package io.clawops.status.rest;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.ClawStatus;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.Failure;
import io.clawops.status.claw.HubMessage;
import io.clawops.status.claw.Liveness;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.claw.RunState;
import io.clawops.status.claw.StatusClassifier;
import io.clawops.status.claw.StatusView;
import io.clawops.status.claw.StepResult;
import io.clawops.status.fleet.Fleet;
import io.clawops.status.fleet.Scheduling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Projects a claw's state onto its REST view, evaluated at the time of the request. */
final class ClawViews {

  private ClawViews() {}

  static ClawView of(ClawState claw, Instant now, RuleSettings rules) {
    return of(claw, now, rules, new Fleet(List.of()));
  }

  /** The view with the {@code Scheduled} condition judged against {@code fleet}. */
  static ClawView of(ClawState claw, Instant now, RuleSettings rules, Fleet fleet) {
    ConnectionState connection = Liveness.connection(claw, now, rules);
    StatusView status = StatusClassifier.classify(claw, connection);
    Scheduling.Verdict scheduled = Scheduling.of(claw, fleet, now);
    Instant evidence = Liveness.evidenceAt(claw);
    RunState current = claw.currentRun();
    return new ClawView(
        claw.clawId,
        claw.workflowRunId,
        status.status(),
        status.reason(),
        scheduled.waiting() && status.status() == ClawStatus.READY
            ? scheduled.message()
            : status.message(),
        status.retryable(),
        claw.lifecycle,
        connection,
        evidence == null ? null : Math.max(0, Duration.between(evidence, now).toSeconds()),
        scheduled.queueWaitSeconds(),
        failure(claw.lastFailure()),
        claw.failures(rules.historyLimit()).stream().map(ClawViews::failure).toList(),
        List.copyOf(claw.bootstrap.steps.values()),
        Conditions.of(claw, connection, scheduled),
        claw.capabilities,
        current == null ? null : run(claw, current),
        claw.runs.stream().map(run -> run(claw, run)).toList(),
        List.copyOf(claw.hubMessages),
        claw.createdAt,
        claw.updatedAt,
        claw.task == null ? null : claw.task.maxAttempts(),
        claw.inStatusSince());
  }

  private static ClawView.FailureView failure(Failure failure) {
    if (failure == null) {
      return null;
    }
    String remediation =
        ReasonCode.fromCode(failure.code()).map(ReasonCode::remediation).orElse(null);
    return new ClawView.FailureView(
        failure.code(),
        failure.message(),
        remediation,
        failure.retryable(),
        failure.at(),
        failure.runId());
  }

  private static ClawView.RunView run(ClawState claw, RunState run) {
    return new ClawView.RunView(
        run.runId,
        run.attempt,
        run.runnerId,
        run.modelProfile,
        run.outcome == null ? null : run.outcome.name().toLowerCase(),
        run.pinnedCause,
        claw.causesOf(run.attempt),
        run.deadlineAt,
        run.dispatchedAt,
        run.startedAt,
        run.finishedAt);
  }

  /** The conditions of DESIGN §6.1, derived from the same dimensions as the status. */
  static final class Conditions {

    private Conditions() {}

    static List<ClawView.ConditionView> of(
        ClawState claw, ConnectionState connection, Scheduling.Verdict scheduled) {
      List<ClawView.ConditionView> conditions = new ArrayList<>();
      conditions.add(
          new ClawView.ConditionView(
              Scheduling.TYPE,
              scheduled.status(),
              scheduled.reason(),
              scheduled.message(),
              scheduled.since()));
      conditions.add(step(claw, "WorkspaceReady", "repositories_verified"));
      conditions.add(step(claw, "CredentialsReady", "credentials_configured"));
      conditions.add(toolPolicy(claw));
      conditions.add(model(claw));
      conditions.add(runner(claw, connection));
      return conditions;
    }

    private static ClawView.ConditionView step(ClawState claw, String type, String stepName) {
      StepResult step = claw.bootstrap.steps.get(stepName);
      if (step == null) {
        return new ClawView.ConditionView(type, "Unknown", null, null, null);
      }
      String status =
          "ok".equals(step.outcome())
              ? "True"
              : "failed".equals(step.outcome()) ? "False" : "Unknown";
      return new ClawView.ConditionView(type, status, step.reason(), step.message(), step.at());
    }

    private static ClawView.ConditionView toolPolicy(ClawState claw) {
      RunState run = claw.currentRun();
      if (run != null
          && (ReasonCode.CAPABILITY_MISSING.code().equals(run.pinnedCause)
              || ReasonCode.TOOL_LOOP.code().equals(run.pinnedCause))) {
        return new ClawView.ConditionView(
            "ToolPolicyOk", "False", run.pinnedCause, run.pinnedMessage(), run.finishedAt);
      }
      HubMessage pending =
          claw.hubMessages.stream()
              .filter(message -> HubMessage.PENDING.equals(message.outcome()))
              .reduce((first, second) -> second)
              .orElse(null);
      if (pending != null) {
        return new ClawView.ConditionView(
            "ToolPolicyOk",
            "Unknown",
            "corrective_message",
            "corrective message sent (" + pending.rule() + ")",
            pending.at());
      }
      return new ClawView.ConditionView("ToolPolicyOk", "True", null, null, null);
    }

    private static ClawView.ConditionView model(ClawState claw) {
      RunState run = claw.currentRun();
      if (run == null || run.startedAt == null) {
        return new ClawView.ConditionView("ModelResponsive", "Unknown", null, null, null);
      }
      return claw.causesOf(run.attempt).stream()
          .filter(cause -> ReasonCode.MODEL_TIMEOUT.code().equals(cause.code()))
          .findFirst()
          .map(
              cause ->
                  new ClawView.ConditionView(
                      "ModelResponsive", "False", cause.code(), cause.message(), cause.at()))
          .or(
              () ->
                  Optional.ofNullable(run.modelRetry)
                      .filter(retry -> run.outcome == null)
                      .map(
                          retry ->
                              new ClawView.ConditionView(
                                  "ModelResponsive",
                                  "False",
                                  retry.code(),
                                  retry.message(),
                                  retry.at())))
          .orElse(new ClawView.ConditionView("ModelResponsive", "True", null, null, run.startedAt));
    }

    private static ClawView.ConditionView runner(ClawState claw, ConnectionState connection) {
      String status =
          switch (connection) {
            case CONNECTED -> "True";
            case STALE -> "Unknown";
            case OFFLINE -> "False";
          };
      return new ClawView.ConditionView(
          "RunnerConnected", status, connection.wire(), null, Liveness.evidenceAt(claw));
    }
  }
}
