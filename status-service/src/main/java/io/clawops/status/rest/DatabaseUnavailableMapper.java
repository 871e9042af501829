package io.clawops.status.rest;

import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.outage.DatabaseFailures;
import io.clawops.status.outage.DatabaseRetryConfig;
import io.clawops.support.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that needs the database while it is away answers 503 with a problem body and {@code
 * Retry-After}: the client may send it again, nothing about it was wrong (DESIGN §10). Any other
 * unexpected failure stays the detail-less 500 of the shared mappers.
 */
public class DatabaseUnavailableMapper {

  /** The problem type of the 503. */
  public static final String TYPE = "urn:clawops:problem:database-unavailable";

  private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

  @Inject DatabaseRetryConfig config;

  /** Ahead of the shared mapper of RuntimeException, which would answer 500. */
  @ServerExceptionMapper(priority = Priorities.USER - 100)
  public Response unavailable(RuntimeException e) {
    if (!DatabaseFailures.isTransient(e)) {
      LOG.errorf("request failed: %s", Sanitizer.sanitize(e.toString()));
      return Problems.status(500);
    }
    LOG.debugf("request refused, database unavailable: %s", Sanitizer.sanitize(e.toString()));
    return Response.fromResponse(
            Problems.problem(
                TYPE,
                503,
                "Database unavailable",
                "The database is unavailable for now; send the request again later."))
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
        .build();
  }

  /** The longest wait of the service's own retries, in whole seconds, at least one. */
  long retryAfterSeconds() {
    long millis = config == null ? 5_000 : config.maxBackoff().toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
