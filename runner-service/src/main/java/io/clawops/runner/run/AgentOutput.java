package io.clawops.runner.run;

import io.clawops.contracts.sanitize.PrivateKeyLines;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.runner.agent.AgentAdapter;
import io.clawops.runner.agent.BoundedLineReader;
import io.clawops.runner.agent.ProtocolTranslator;
import io.clawops.runner.agent.SecretRedactor;
import io.clawops.runner.agent.StderrTail;
import io.clawops.runner.agent.Translation;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What one run's agent says: stdout lines become events on the run's stream (or sanitized log text)
 * through the adapter of its format, stderr is kept for the failure message, and the time of the
 * last stdout line feeds the idle watchdog. Stops and results the adapter reads are handed to the
 * run.
 *
 * <p>Silence is counted only while the runner is reading: while a line is being handled (its events
 * wait for an unreachable broker, DESIGN F3) the runner does not read the agent's pipe, so the
 * agent cannot be heard, and that time is not the agent's silence.
 */
final class AgentOutput {

  private static final Logger LOG = Logger.getLogger(AgentOutput.class);

  private final UUID runId;
  private final RunEventStream events;
  private final StderrTail stderr;

  // A private key block arrives one line at a time: each stream remembers whether it is in one.
  private final PrivateKeyLines stdoutKeys = new PrivateKeyLines();
  private final PrivateKeyLines stderrKeys = new PrivateKeyLines();
  private volatile AgentAdapter adapter;
  private volatile SecretRedactor secrets = SecretRedactor.none();
  private volatile Consumer<Translation> onControl = translation -> {};
  private volatile long lastLineNanos = System.nanoTime();
  private volatile boolean handlingLine;

  AgentOutput(UUID runId, int attempt, String model, RunEventStream events, int stderrTailChars) {
    this.runId = runId;
    this.events = events;
    this.adapter = new ProtocolTranslator(runId, attempt, model);
    this.stderr = new StderrTail(stderrTailChars);
  }

  /**
   * The adapter of the agent's format, the credentials handed to the agent (removed from all it
   * writes) and who hears of its stops and results.
   */
  void use(AgentAdapter formatAdapter, SecretRedactor redactor, Consumer<Translation> control) {
    this.adapter = formatAdapter;
    this.secrets = redactor;
    this.onControl = control;
  }

  AgentAdapter adapter() {
    return adapter;
  }

  /** Silence is counted from the agent's start, not from when the run was claimed. */
  void agentStarted() {
    lastLineNanos = System.nanoTime();
  }

  /**
   * Every stdout line of the agent passes here first: the credentials handed to it are removed
   * before the adapter reads the line, so no event, error message or log line can carry them.
   */
  void onStdout(BoundedLineReader.Line line) {
    handlingLine = true;
    lastLineNanos = System.nanoTime();
    try {
      String text = stdoutKeys.redact(secrets.redact(line.text()));
      for (Translation translation : events.translate(adapter, text)) {
        if (translation instanceof Translation.Log log) {
          if (LOG.isDebugEnabled()) {
            LOG.debugf("run %s agent%s: %s", runId, line.cut() ? " (line cut)" : "", log.text());
          }
        } else if (!(translation instanceof Translation.Event)) {
          onControl.accept(translation);
        }
      }
    } finally {
      // The runner reads the pipe again from now on: silence counts from here.
      lastLineNanos = System.nanoTime();
      handlingLine = false;
    }
  }

  /** Stderr likewise: redacted before it is kept for the failure message or logged. */
  void onStderr(BoundedLineReader.Line line) {
    String text = stderrKeys.redact(secrets.redact(line.text()));
    stderr.append(text);
    if (LOG.isDebugEnabled()) {
      LOG.debugf(
          "run %s agent stderr: %s",
          runId, Sanitizer.sanitize(text, ProtocolTranslator.LOG_TEXT_MAX));
    }
  }

  /** How long the agent has been silent while the runner was reading; 0 while a line is handled. */
  long silentMillis() {
    if (handlingLine) {
      return 0;
    }
    return (System.nanoTime() - lastLineNanos) / 1_000_000;
  }

  boolean toolCallPending() {
    return adapter.toolCallPending();
  }

  boolean resultSeen() {
    return adapter.result() != null;
  }

  RunEnding ending(StopRequest stop, Integer exitCode, int runSeconds) {
    return new RunEnding(
        stop, exitCode, adapter.result(), adapter.sawProtocolLine(), stderr.text(), runSeconds);
  }
}
