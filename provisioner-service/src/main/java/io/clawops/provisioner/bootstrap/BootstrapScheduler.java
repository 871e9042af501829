package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.provisioner.config.ProvisionerConfig;
import io.clawops.provisioner.persistence.ClawState;
import io.clawops.provisioner.persistence.ClawStore;
import io.clawops.provisioner.request.ClawRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs checklists off the request and consumer threads, at most {@code
 * clawops.bootstrap.concurrency} at once, and never two for the same claw. Each run bumps the
 * claw's stored attempt and records how it ended.
 */
@ApplicationScoped
public class BootstrapScheduler {

  private static final Logger LOG = Logger.getLogger(BootstrapScheduler.class);

  /** What became of a rebootstrap command. */
  public enum Rebootstrap {
    STARTED,
    DUPLICATE_COMMAND,
    ALREADY_RUNNING,
    ALREADY_READY,
    UNKNOWN_CLAW
  }

  private final Bootstrapper bootstrapper;
  private final ClawStore store;
  private final ExecutorService executor;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();

  public BootstrapScheduler(Bootstrapper bootstrapper, ClawStore store, ProvisionerConfig config) {
    this.bootstrapper = bootstrapper;
    this.store = store;
    int threads = config.bootstrap().concurrency();
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "bootstrap-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Queues the first checklist of a claw just accepted; {@code request} may hold credentials. */
  public void start(UUID clawId, ClawRequest request) {
    submit(clawId, request);
  }

  /**
   * Re-runs the checklist of a claw from its stored request, once per command id, unless one runs
   * already or the claw is ready (its agent owns the workspace; a new attempt is the status
   * service's to publish).
   */
  public synchronized Rebootstrap rebootstrap(UUID clawId, UUID commandId) {
    Optional<ClawRequest> request = store.request(clawId);
    Optional<ClawState> state = store.state(clawId);
    if (request.isEmpty() || state.isEmpty()) {
      return Rebootstrap.UNKNOWN_CLAW;
    }
    if (state.get().handled(commandId)) {
      return Rebootstrap.DUPLICATE_COMMAND;
    }
    if (running.contains(clawId)) {
      return Rebootstrap.ALREADY_RUNNING;
    }
    store.update(clawId, current -> current.withHandled(commandId));
    if (state.get().phase() == ClawState.Phase.READY) {
      return Rebootstrap.ALREADY_READY;
    }
    return submit(clawId, request.get()) ? Rebootstrap.STARTED : Rebootstrap.ALREADY_RUNNING;
  }

  private boolean submit(UUID clawId, ClawRequest request) {
    if (!running.add(clawId)) {
      return false;
    }
    try {
      executor.execute(() -> run(clawId, request));
      return true;
    } catch (RuntimeException e) {
      running.remove(clawId);
      throw e;
    }
  }

  private void run(UUID clawId, ClawRequest request) {
    boolean ready = false;
    try {
      int attempt = store.update(clawId, ClawState::nextAttempt).attempt();
      ready = bootstrapper.bootstrap(clawId, request, attempt);
    } catch (RuntimeException e) {
      // Most likely the broker: the status service's provision deadline reports the claw.
      LOG.errorf("claw %s: bootstrap aborted: %s", clawId, Sanitizer.sanitize(e.toString()));
    } finally {
      try {
        boolean ended = ready;
        store.update(clawId, current -> current.ended(ended));
      } finally {
        running.remove(clawId);
      }
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
