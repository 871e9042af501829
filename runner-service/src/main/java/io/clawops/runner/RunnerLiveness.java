package io.clawops.runner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Reports the runner dead when it can no longer claim tasks or hear commands, so it restarts. */
@Liveness
@ApplicationScoped
public class RunnerLiveness implements HealthCheck {

  @Inject RunnerLifecycle lifecycle;

  @Override
  public HealthCheckResponse call() {
    Runner runner = lifecycle.runner();
    if (runner == null) {
      return HealthCheckResponse.named("runner").up().withData("state", "starting").build();
    }
    return HealthCheckResponse.named("runner")
        .status(runner.healthy())
        .withData("runnerId", runner.id())
        .withData("slotsBusy", runner.slots().busy())
        .withData("slots", runner.slots().capacity())
        .withData("claiming", runner.claiming())
        .build();
  }
}
