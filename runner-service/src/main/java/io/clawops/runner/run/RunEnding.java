package io.clawops.runner.run;

import io.clawops.runner.agent.AgentResult;

/**
 * Everything known when a run's agent is gone, the input of {@link OutcomeDecider}.
 *
 * @param stop the stop the runner asked for, or null when the agent exited by itself
 * @param exitCode null when no process ever started
 * @param result the agent's result line, or null
 * @param sawProtocolLine whether the agent printed at least one valid protocol line
 * @param stderrTail the raw end of stderr (sanitized by the decider)
 */
public record RunEnding(
    StopRequest stop,
    Integer exitCode,
    AgentResult result,
    boolean sawProtocolLine,
    String stderrTail,
    int runSeconds) {}
