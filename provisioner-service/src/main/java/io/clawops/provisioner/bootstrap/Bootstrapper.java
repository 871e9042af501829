package io.clawops.provisioner.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clawops.contracts.codec.EnvelopeCodec;
import io.clawops.contracts.message.BootstrapRequested;
import io.clawops.contracts.message.BootstrapStep;
import io.clawops.provisioner.messaging.BootstrapEventPublisher;
import io.clawops.provisioner.messaging.TaskPublisher;
import io.clawops.provisioner.request.ClawRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs one bootstrap attempt of a claw end to end: {@code bootstrap.requested}, one {@code
 * bootstrap.step} per step, {@code bootstrap.completed}, and the first task only when the gate
 * passed. Each record is published only after the broker acknowledged the one before, so the
 * records of a claw arrive in this order and the task never precedes its completion.
 */
@ApplicationScoped
public class Bootstrapper {

  private static final Logger LOG = Logger.getLogger(Bootstrapper.class);
  private static final ObjectMapper JSON = EnvelopeCodec.mapper();

  private final BootstrapChecklist checklist;
  private final BootstrapEventPublisher events;
  private final TaskPublisher tasks;

  public Bootstrapper(
      BootstrapChecklist checklist, BootstrapEventPublisher events, TaskPublisher tasks) {
    this.checklist = checklist;
    this.events = events;
    this.tasks = tasks;
  }

  /**
   * Runs bootstrap attempt {@code attempt}.
   *
   * @return true when the claw is ready and its task was published
   */
  public boolean bootstrap(UUID clawId, ClawRequest request, int attempt) {
    Instant deadline =
        Instant.now()
            .plusSeconds(request.timeouts().provisionSeconds())
            .truncatedTo(ChronoUnit.MILLIS);
    events.publish(
        clawId,
        new BootstrapRequested(
            request.workflowRunId(), JSON.valueToTree(request.asPublishedSpec()), deadline));
    ChecklistRun run = new ChecklistRun(clawId, attempt, request);
    List<CompletedStep> steps = checklist.run(run, step -> publish(clawId, step, attempt));
    Readiness readiness = ReadinessGate.decide(steps);
    events.publish(clawId, readiness.toMessage());
    if (readiness.ready()) {
      LOG.infof("claw %s: bootstrap attempt %d passed", clawId, attempt);
    } else {
      LOG.warnf(
          "claw %s: bootstrap attempt %d failed with %s: %s",
          clawId, attempt, readiness.reason().code(), readiness.toMessage().message());
    }
    if (!readiness.ready()) {
      return false;
    }
    tasks.publish(clawId, FirstTask.of(request, run.sandbox().workspace()));
    return true;
  }

  private void publish(UUID clawId, CompletedStep step, int attempt) {
    BootstrapStep message = step.toMessage(attempt);
    LOG.debugf(
        "claw %s: %s %s in %d ms%s",
        clawId,
        message.step(),
        message.outcome().wire(),
        message.durationMs(),
        message.message() == null ? "" : ": " + message.message());
    events.publish(clawId, message);
  }
}
