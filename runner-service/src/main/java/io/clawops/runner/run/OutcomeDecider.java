package io.clawops.runner.run;

import io.clawops.contracts.ReasonCode;
import io.clawops.contracts.message.RunOutcome;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.AgentResult;
import io.clawops.runner.agent.ProtocolTranslator;

/**
 * Decides how a run ended from why it stopped, its deadline, the exit code and the result line.
 *
 * <p>Precedence: a stop the runner asked for explains the exit (a SIGTERM'd agent exits non-zero
 * because of us), and once the hard deadline has passed every stop reads as the timeout (F4). The
 * only exception is an agent that had already reported completion before the stop and before the
 * deadline: its work is done, it merely lingered. Without a stop, the agent's own word counts only
 * together with a clean exit.
 */
public final class OutcomeDecider {

  private OutcomeDecider() {}

  public static FinalOutcome decide(RunEnding end) {
    if (end.stop() != null) {
      return stopped(end, end.stop());
    }
    AgentResult result = end.result();
    Integer exit = end.exitCode();
    if (result != null && result.completed()) {
      return exit != null && exit == 0
          ? FinalOutcome.completed()
          : failed(
              ReasonCode.PROCESS_FAILURE,
              "agent reported completion but exited with code " + exit,
              end.stderrTail());
    }
    if (result != null) {
      return reportedFailure(result, exit, end.stderrTail());
    }
    if (exit == null || exit != 0) {
      return failed(ReasonCode.PROCESS_FAILURE, "agent exited with code " + exit, end.stderrTail());
    }
    if (!end.sawProtocolLine()) {
      return failed(
          ReasonCode.UNPARSEABLE_OUTPUT,
          "agent exited without printing a valid protocol line",
          end.stderrTail());
    }
    return failed(
        ReasonCode.PROCESS_FAILURE, "agent exited without a result line", end.stderrTail());
  }

  private static FinalOutcome stopped(RunEnding end, StopRequest stop) {
    AgentResult result = end.result();
    if (stop.afterResult() && result != null && result.completed() && !stop.deadlinePassed()) {
      return FinalOutcome.completed();
    }
    if (stop.cause() == StopCause.RESULT_LINGER && result != null && !stop.deadlinePassed()) {
      return reportedFailure(result, end.exitCode(), end.stderrTail());
    }
    if (stop.cause() == StopCause.HARD_TIMEOUT || stop.deadlinePassed()) {
      return FinalOutcome.of(
          RunOutcome.TIMED_OUT,
          ReasonCode.HARD_TIMEOUT,
          "run exceeded its hard deadline of " + end.runSeconds() + "s");
    }
    return switch (stop.cause()) {
      case CANCEL ->
          FinalOutcome.of(
              RunOutcome.CANCELLED,
              ReasonCode.CANCELLED,
              stop.detail() == null ? "run cancelled" : "run cancelled: " + stop.detail());
      case IDLE_WATCHDOG ->
          FinalOutcome.of(RunOutcome.STALLED, ReasonCode.IDLE_WATCHDOG, stop.detail());
      case SHUTDOWN ->
          FinalOutcome.of(RunOutcome.FAILED, ReasonCode.RUNNER_LOST, "runner shutting down");
      case MODEL_TIMEOUT ->
          FinalOutcome.of(RunOutcome.FAILED, ReasonCode.MODEL_TIMEOUT, stop.detail());
      case AGENT_FAILURE ->
          new FinalOutcome(
              RunOutcome.FAILED,
              ProtocolTranslator.agentCode(stop.code()),
              withStderr(Sanitizer.sanitize(stop.detail()), end.stderrTail()));
      case RESULT_LINGER ->
          failed(
              ReasonCode.PROCESS_FAILURE,
              "agent printed its result but did not exit",
              end.stderrTail());
      case HARD_TIMEOUT -> throw new IllegalStateException("handled above");
    };
  }

  private static FinalOutcome reportedFailure(AgentResult result, Integer exit, String stderr) {
    String code =
        result.code() != null
            ? ProtocolTranslator.agentCode(result.code())
            : (exit == null || exit != 0)
                ? ReasonCode.PROCESS_FAILURE.code()
                : ReasonCode.UNKNOWN.code();
    String message =
        "agent reported "
            + result.status()
            + (result.summary() == null ? "" : ": " + result.summary())
            + " (exit code "
            + exit
            + ")";
    return new FinalOutcome(RunOutcome.FAILED, code, withStderr(message, stderr));
  }

  private static FinalOutcome failed(ReasonCode code, String message, String stderr) {
    return FinalOutcome.of(RunOutcome.FAILED, code, withStderr(message, stderr));
  }

  /** Appends as much of the end of stderr as fits the message cap; the end says most. */
  static String withStderr(String message, String stderr) {
    String tail = stderr == null ? "" : Sanitizer.sanitize(stderr, Integer.MAX_VALUE);
    if (tail.isEmpty()) {
      return message;
    }
    String prefix = message + "; stderr: ";
    int room = Sanitizer.MESSAGE_MAX - prefix.length();
    if (room < 20) {
      return message;
    }
    return tail.length() <= room
        ? prefix + tail
        : prefix + "…" + tail.substring(tail.length() - room + 1);
  }
}
