package io.clawops.status.claw;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunHubMessageUndelivered;
import io.clawops.contracts.message.RunToolResult;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** L1–L3: turns the loop detector's verdicts into corrective messages, blocks and cancels. */
final class LoopRules {

  static final String RULE_CAPABILITY = "L1";
  static final String RULE_REPETITION = "L2";

  private LoopRules() {}

  static void onToolResult(
      ClawState claw,
      RunState run,
      RunToolResult result,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    if (run.pinnedCause != null) {
      // The run is already classified and being stopped: nothing it does now is a new loop.
      return;
    }
    boolean afterMessage = hasPendingMessage(claw, run);
    LoopSignal signal = LoopDetector.onToolResult(run.loop, result, afterMessage);
    int limit = rules.historyLimit();
    switch (signal.kind()) {
      case MISSING_CAPABILITY -> {
        UUID id =
            Recoveries.inject(
                claw,
                run,
                RULE_CAPABILITY,
                CorrectiveMessages.missingCapability(signal.subject()),
                now,
                fx,
                limit);
        run.loop.capabilityMessages.put(signal.subject(), id);
      }
      case CAPABILITY_BLOCKED -> {
        UUID message = run.loop.capabilityMessages.get(signal.subject());
        // Errors already on their way before the message reached the agent do not count.
        if (isDelivered(claw, message)) {
          block(
              claw,
              run,
              ReasonCode.CAPABILITY_MISSING,
              CorrectiveMessages.capabilityBlocked(signal.subject()),
              now,
              fx,
              rules);
        }
      }
      case REPETITION -> {
        run.loop.repetitionTool = signal.subject();
        run.loop.repetitionMessage =
            Recoveries.inject(
                claw,
                run,
                RULE_REPETITION,
                CorrectiveMessages.repetition(
                    signal.subject(), LoopDetector.REPEATS_BEFORE_MESSAGE),
                now,
                fx,
                limit);
      }
      case REPETITION_BLOCKED ->
          block(
              claw,
              run,
              ReasonCode.TOOL_LOOP,
              CorrectiveMessages.repetitionBlocked(signal.subject()),
              now,
              fx,
              rules);
      case PROGRESS -> Recoveries.settleMessages(claw, run.runId, HubMessage.RECOVERED);
      default -> {}
    }
  }

  /**
   * L3 for a message the agent never got: records it undelivered and, when it is the run's pending
   * L1 or L2 message, goes on to that rule's stop at once, since nothing the agent does next can
   * answer a message it did not receive.
   */
  static void onUndelivered(
      ClawState claw,
      RunState run,
      RunHubMessageUndelivered undelivered,
      Instant now,
      RuleSettings rules,
      Effects fx) {
    HubMessage message = null;
    for (int i = 0; i < claw.hubMessages.size(); i++) {
      HubMessage candidate = claw.hubMessages.get(i);
      if (candidate.commandId().equals(undelivered.commandId())) {
        message = candidate.markUndelivered(undelivered.reason());
        claw.hubMessages.set(i, message);
      }
    }
    if (message == null
        || message.delivered()
        || !message.runId().equals(run.runId)
        || !HubMessage.PENDING.equals(message.outcome())
        || run.pinnedCause != null
        || run.outcome != null) {
      return;
    }
    int limit = rules.historyLimit();
    if (RULE_CAPABILITY.equals(message.rule())) {
      String capability = capabilityOf(run.loop, message.commandId());
      block(
          claw,
          run,
          ReasonCode.CAPABILITY_MISSING,
          CorrectiveMessages.capabilityUndelivered(capability, undelivered.reason()),
          now,
          fx,
          rules);
    } else if (RULE_REPETITION.equals(message.rule())) {
      block(
          claw,
          run,
          ReasonCode.TOOL_LOOP,
          CorrectiveMessages.repetitionUndelivered(run.loop.repetitionTool, undelivered.reason()),
          now,
          fx,
          rules);
    }
  }

  private static String capabilityOf(LoopState loop, UUID commandId) {
    return loop.capabilityMessages.entrySet().stream()
        .filter(entry -> entry.getValue().equals(commandId))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(LoopDetector.TOOL_POLICY);
  }

  private static void block(
      ClawState claw,
      RunState run,
      ReasonCode code,
      String message,
      Instant now,
      Effects fx,
      RuleSettings rules) {
    Recoveries.settleMessages(claw, run.runId, HubMessage.PERSISTED);
    CauseLedger.authoritative(claw, run, code.code(), message, now, rules);
    Recoveries.cancel(claw, run.runId, message, fx);
  }

  private static boolean hasPendingMessage(ClawState claw, RunState run) {
    return claw.hubMessages.stream()
        .anyMatch(m -> m.runId().equals(run.runId) && HubMessage.PENDING.equals(m.outcome()));
  }

  private static boolean isDelivered(ClawState claw, UUID commandId) {
    return claw.hubMessages.stream()
        .anyMatch(m -> m.commandId().equals(commandId) && m.delivered());
  }
}
