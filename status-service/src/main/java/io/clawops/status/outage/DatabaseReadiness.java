package io.clawops.status.outage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@code clawops-database}: down while the fold, the timers or the outbox relay wait for
 * the database, up again once each of them worked with it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  /** The name of the check in {@code /q/health/ready}. */
  public static final String NAME = "clawops-database";

  @Inject DatabaseOutage outage;

  @Override
  public HealthCheckResponse call() {
    Map<String, Instant> down = outage.down();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(down.isEmpty());
    down.forEach((part, since) -> response.withData(part, "waiting since " + since));
    return response.build();
  }
}
