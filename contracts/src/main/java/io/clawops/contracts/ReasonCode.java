package io.clawops.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The classified reasons a claw can fail for (DESIGN §6.3), each with whether retrying can help and
 * one line telling the operator what to do.
 *
 * <p>Retryable means "the same request may succeed later without anyone changing it": transient
 * infrastructure, provider hiccups and lost runners are; missing inputs, policy decisions and
 * deterministic agent behaviour are not. Judgement calls are commented where they are made.
 */
public enum ReasonCode {
  PROVISION_TIMEOUT(
      "platform.provision_timeout",
      true,
      "The sandbox was not ready before the provision deadline; retry, and check the sandbox"
          + " provider's capacity if it keeps happening."),
  SANDBOX_UNAVAILABLE(
      "platform.sandbox_unavailable",
      true,
      "The sandbox provider could not create or reach the sandbox; retry once the provider is"
          + " healthy."),
  CREDENTIALS_MISSING(
      "platform.credentials_missing",
      false,
      "A credential the claw needs is not configured; add the referenced credential and retry."),
  REPO_CLONE_FAILED(
      "platform.repo_clone_failed",
      true,
      "Cloning a repository failed; check the URL, network and access rights, then retry."),
  REPO_MISSING(
      "platform.repo_missing",
      false,
      "A required repository does not exist or is not accessible; fix its URL or access and"
          + " create the claw again."),
  // A failed provider-specific step is usually transient, and re-running the checklist is cheap
  // and idempotent, so the operator may retry.
  BOOTSTRAP_STEP_FAILED(
      "platform.bootstrap_step_failed",
      true,
      "A bootstrap step failed; read the step's message and evidence, fix the cause, then retry."),
  DISPATCH_TIMEOUT(
      "platform.dispatch_timeout",
      true,
      "No runner claimed the task in time; check that runners are up and have free slots, then"
          + " retry."),
  RUNNER_LOST(
      "platform.runner_lost",
      true,
      "The runner stopped sending heartbeats; the task is re-dispatched while attempts remain,"
          + " check the runner's health."),
  // The run used its whole time budget; the same task with the same budget would most likely
  // time out again, so nothing retries it on its own: the operator may retry it with a larger
  // runSeconds (POST /retry), or split the task.
  HARD_TIMEOUT(
      "platform.hard_timeout",
      false,
      "The run exceeded its hard deadline; retry with a larger runSeconds, or split the task."),
  // Silence is usually a transient hang (a stuck provider call or tool), so one more attempt is
  // worth it.
  IDLE_WATCHDOG(
      "platform.idle_watchdog",
      true,
      "The agent was silent longer than its idle timeout and was stopped; retry, and raise"
          + " idleSeconds or toolIdleSeconds if the work is legitimately slow."),
  CANCELLED(
      "platform.cancelled", false, "The run was cancelled on request; create a new claw to rerun."),
  CAPABILITY_MISSING(
      "platform.capability_missing",
      false,
      "The runtime lacks a capability the agent tried to use; grant it in the claw's capabilities"
          + " or change the prompt to avoid it."),
  TOOL_LOOP(
      "platform.tool_loop",
      false,
      "The agent repeated the same tool call without progress even after correction; revise the"
          + " prompt or the workspace before running again."),
  MODEL_TIMEOUT(
      "agent.model_timeout",
      true,
      "The model provider timed out and no fallback was left; retry later or configure a"
          + " fallback model profile."),
  PROVIDER_AUTH(
      "agent.provider_auth",
      false,
      "The model provider rejected the credentials; fix the provider API key, then retry."),
  PROVIDER_RATE_LIMIT(
      "agent.provider_rate_limit",
      true,
      "The model provider rate-limited the agent; retry later or raise the provider quota."),
  PROVIDER_SERVER_ERROR(
      "agent.provider_server_error",
      true,
      "The model provider returned a server error; retry later or use a fallback profile."),
  PROVIDER_NETWORK(
      "agent.provider_network",
      true,
      "The model provider could not be reached; check network egress from the runner, then"
          + " retry."),
  CONTEXT_OVERFLOW(
      "agent.context_overflow",
      false,
      "The conversation exceeded the model's context window; shorten the prompt or use a model"
          + " with a larger context."),
  // A crash may be transient (out of memory, killed process); attempts are bounded by
  // maxAttempts, so allowing a retry costs little.
  PROCESS_FAILURE(
      "agent.process_failure",
      true,
      "The agent process exited abnormally; read its last log lines, then retry."),
  // The agent does not speak the protocol: a runtime-profile problem that a retry cannot fix.
  UNPARSEABLE_OUTPUT(
      "agent.unparseable_output",
      false,
      "The agent exited without a valid result line; check that the runtime profile starts an"
          + " agent speaking the ClawOps protocol."),
  // Blocking retry on a failure nobody could classify would leave the operator without a move.
  UNKNOWN(
      "agent.unknown",
      true,
      "The agent failed for an unclassified reason; read the timeline for details, then retry.");

  private static final Map<String, ReasonCode> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(r -> r.code, Function.identity()));

  private final String code;
  private final boolean retryable;
  private final String remediation;

  ReasonCode(String code, boolean retryable, String remediation) {
    this.code = code;
    this.retryable = retryable;
    this.remediation = remediation;
  }

  /** The stable wire string, e.g. {@code platform.provision_timeout}. */
  @JsonValue
  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  /** One actionable line for the operator. */
  public String remediation() {
    return remediation;
  }

  /**
   * True for the control plane's side ({@code platform.}), false for the agent's ({@code agent.}).
   */
  public boolean isPlatform() {
    return code.startsWith("platform.");
  }

  /** The reason code with this wire string, if this build knows it. */
  public static Optional<ReasonCode> fromCode(String code) {
    return Optional.ofNullable(code).map(BY_CODE::get);
  }
}
