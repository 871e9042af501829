package io.clawops.runner.run;

import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.BoundedLineReader;
import io.clawops.runner.agent.ProtocolTranslator;
import io.clawops.runner.agent.StderrTail;
import io.clawops.runner.agent.Translation;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What one run's agent says: stdout lines become events on the run's stream (or sanitized log
 * text), stderr is kept for the failure message, and the time of the last stdout line feeds the
 * idle watchdog.
 */
final class AgentOutput {

  private static final Logger LOG = Logger.getLogger(AgentOutput.class);

  private final UUID runId;
  private final RunEventStream events;
  private final ProtocolTranslator translator;
  private final StderrTail stderr;
  private volatile long lastLineNanos = System.nanoTime();

  AgentOutput(UUID runId, int attempt, String model, RunEventStream events, int stderrTailChars) {
    this.runId = runId;
    this.events = events;
    this.translator = new ProtocolTranslator(runId, attempt, model);
    this.stderr = new StderrTail(stderrTailChars);
  }

  /** Silence is counted from the agent's start, not from when the run was claimed. */
  void agentStarted() {
    lastLineNanos = System.nanoTime();
  }

  void onStdout(BoundedLineReader.Line line) {
    lastLineNanos = System.nanoTime();
    if (events.translate(translator, line.text()) instanceof Translation.Log log
        && LOG.isDebugEnabled()) {
      LOG.debugf("run %s agent%s: %s", runId, line.cut() ? " (line cut)" : "", log.text());
    }
  }

  void onStderr(BoundedLineReader.Line line) {
    stderr.append(line.text());
    if (LOG.isDebugEnabled()) {
      LOG.debugf(
          "run %s agent stderr: %s",
          runId, Sanitizer.sanitize(line.text(), ProtocolTranslator.LOG_TEXT_MAX));
    }
  }

  long silentMillis() {
    return (System.nanoTime() - lastLineNanos) / 1_000_000;
  }

  boolean toolCallPending() {
    return translator.toolCallPending();
  }

  boolean resultSeen() {
    return translator.result() != null;
  }

  RunEnding ending(StopRequest stop, Integer exitCode, int runSeconds) {
    return new RunEnding(
        stop,
        exitCode,
        translator.result(),
        translator.sawProtocolLine(),
        stderr.text(),
        runSeconds);
  }
}
