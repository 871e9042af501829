package io.clawops.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.clawops.contracts.message.RunOutcome;
import io.clawops.runner.agent.AgentResult;
import org.junit.jupiter.api.Test;

class OutcomeDeciderTest {

  private static final AgentResult COMPLETED = new AgentResult("completed", "done", null);
  private static final String NO_STDERR = "";

  @Test
  void shouldCompleteWhenTheAgentReportsCompletionAndExitsCleanly() {
    FinalOutcome outcome = decide(null, 0, COMPLETED, NO_STDERR);

    assertThat(outcome).isEqualTo(FinalOutcome.completed());
  }

  @Test
  void shouldTimeOutWhenStoppedForTheDeadline() {
    FinalOutcome outcome = decide(stop(StopCause.HARD_TIMEOUT, true, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
    assertThat(outcome.code()).isEqualTo("platform.hard_timeout");
    assertThat(outcome.message()).isEqualTo("run exceeded its hard deadline of 60s");
  }

  @Test
  void shouldKeepTheTimeoutWhenACancelCameAfterTheDeadline() {
    FinalOutcome outcome = decide(stop(StopCause.CANCEL, true, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
    assertThat(outcome.code()).isEqualTo("platform.hard_timeout");
  }

  @Test
  void shouldCancelWhenTheCancelCameBeforeTheDeadline() {
    FinalOutcome outcome = decide(stop(StopCause.CANCEL, false, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.CANCELLED);
    assertThat(outcome.code()).isEqualTo("platform.cancelled");
    assertThat(outcome.message()).isEqualTo("run cancelled: by operator");
  }

  @Test
  void shouldCancelARunWhoseAgentNeverStarted() {
    FinalOutcome outcome = decide(stop(StopCause.CANCEL, false, false), null, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.CANCELLED);
  }

  @Test
  void shouldCallAnIdleStopStalled() {
    FinalOutcome outcome =
        decide(stop(StopCause.IDLE_WATCHDOG, false, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.STALLED);
    assertThat(outcome.code()).isEqualTo("platform.idle_watchdog");
    assertThat(outcome.message()).isEqualTo("detail");
  }

  @Test
  void shouldReportARunnerShutdownAsRunnerLost() {
    FinalOutcome outcome = decide(stop(StopCause.SHUTDOWN, false, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(outcome.code()).isEqualTo("platform.runner_lost");
    assertThat(outcome.message()).isEqualTo("runner shutting down");
  }

  @Test
  void shouldCompleteAnAgentThatReportedCompletionBeforeItWasStopped() {
    FinalOutcome outcome =
        decide(stop(StopCause.IDLE_WATCHDOG, false, true), 143, COMPLETED, NO_STDERR);

    assertThat(outcome).isEqualTo(FinalOutcome.completed());
  }

  @Test
  void shouldNotLetACompletionPrintedAfterTheStopWin() {
    FinalOutcome outcome = decide(stop(StopCause.CANCEL, false, false), 0, COMPLETED, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.CANCELLED);
  }

  @Test
  void shouldFailANonZeroExitWithTheEndOfStderr() {
    FinalOutcome outcome = decide(null, 3, null, "line one\npanic: boom");

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(outcome.code()).isEqualTo("agent.process_failure");
    assertThat(outcome.message())
        .isEqualTo("agent exited with code 3; stderr: line one panic: boom");
  }

  @Test
  void shouldFailACompletionWithANonZeroExit() {
    FinalOutcome outcome = decide(null, 1, COMPLETED, NO_STDERR);

    assertThat(outcome.code()).isEqualTo("agent.process_failure");
    assertThat(outcome.message()).contains("reported completion but exited with code 1");
  }

  @Test
  void shouldCallACleanExitWithoutAnyProtocolLineUnparseable() {
    FinalOutcome outcome = OutcomeDecider.decide(new RunEnding(null, 0, null, false, "", 60));

    assertThat(outcome.code()).isEqualTo("agent.unparseable_output");
  }

  @Test
  void shouldCallACleanExitWithoutAResultAProcessFailure() {
    FinalOutcome outcome = decide(null, 0, null, NO_STDERR);

    assertThat(outcome.code()).isEqualTo("agent.process_failure");
    assertThat(outcome.message()).isEqualTo("agent exited without a result line");
  }

  @Test
  void shouldUseTheAgentsOwnCodeForAReportedFailure() {
    FinalOutcome outcome =
        decide(null, 1, new AgentResult("failed", "provider said no", "provider_auth"), NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(outcome.code()).isEqualTo("agent.provider_auth");
    assertThat(outcome.message())
        .isEqualTo("agent reported failed: provider said no (exit code 1)");
  }

  @Test
  void shouldKeepTheEndOfALongStderrSanitizedWithinTheMessageCap() {
    String token = "ghp_" + "Abcd".repeat(9);
    String stderr = "x".repeat(5000) + " token " + token + " the real cause";

    FinalOutcome outcome = decide(null, 2, null, stderr);

    assertThat(outcome.message())
        .hasSizeLessThanOrEqualTo(300)
        .startsWith("agent exited with code 2; stderr: …")
        .endsWith("token [REDACTED] the real cause")
        .doesNotContain(token);
  }

  @Test
  void shouldFailWithTheAgentsCodeWhenStoppedForARejectedCredential() {
    StopRequest stop =
        new StopRequest(
            StopCause.AGENT_FAILURE,
            "model provider rejected the credentials",
            false,
            false,
            "agent.provider_auth");

    FinalOutcome outcome = decide(stop, 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(outcome.code()).isEqualTo("agent.provider_auth");
    assertThat(outcome.message()).isEqualTo("model provider rejected the credentials");
  }

  @Test
  void shouldFailAsAModelTimeoutWhenTheModelStoppedAnswering() {
    FinalOutcome outcome =
        decide(stop(StopCause.MODEL_TIMEOUT, false, false), 143, null, NO_STDERR);

    assertThat(outcome.outcome()).isEqualTo(RunOutcome.FAILED);
    assertThat(outcome.code()).isEqualTo("agent.model_timeout");
  }

  @Test
  void shouldKeepTheResultOfAnAgentThatDidNotExitAfterIt() {
    AgentResult failedResult = new AgentResult("failed", "too long", "agent.context_overflow");

    assertThat(decide(stop(StopCause.RESULT_LINGER, false, true), 143, COMPLETED, NO_STDERR))
        .isEqualTo(FinalOutcome.completed());
    assertThat(
            decide(stop(StopCause.RESULT_LINGER, false, true), 143, failedResult, NO_STDERR).code())
        .isEqualTo("agent.context_overflow");
  }

  private static StopRequest stop(StopCause cause, boolean deadlinePassed, boolean afterResult) {
    String detail = cause == StopCause.CANCEL ? "by operator" : "detail";
    return new StopRequest(cause, detail, deadlinePassed, afterResult);
  }

  private static FinalOutcome decide(
      StopRequest stop, Integer exitCode, AgentResult result, String stderr) {
    return OutcomeDecider.decide(new RunEnding(stop, exitCode, result, true, stderr, 60));
  }
}
