package io.clawops.status.fleet;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Publishes the queue on {@code /q/metrics}: {@code clawops_tasks_waiting}. */
@ApplicationScoped
public class FleetMetrics {

  private static final Logger LOG = Logger.getLogger(FleetMetrics.class);

  @Inject MeterRegistry registry;
  @Inject FleetStore store;

  void register(@Observes StartupEvent event) {
    // A supplier, not (this, function): Micrometer holds the latter's object only weakly.
    Gauge.builder("clawops.tasks.waiting", this::waiting)
        .description("Tasks dispatched that no runner has claimed yet")
        .register(registry);
  }

  private double waiting() {
    try {
      return store.queue().waiting();
    } catch (RuntimeException e) {
      LOG.debugf("waiting tasks not counted: %s", e.toString());
      return Double.NaN;
    }
  }
}
