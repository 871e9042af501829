package io.clawops.support.rest;

import io.clawops.contracts.sanitize.Sanitizer;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns framework errors (unknown path, wrong method or media type) and unexpected failures into
 * problem+json without detail, so no exception text reaches a client. A service maps its own
 * exceptions in its own mappers; the more specific exception type wins.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** The status the framework chose (404, 405, 415, ...), with its reason phrase as the title. */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    return Problems.status(e.getResponse().getStatus());
  }

  /** 500 without detail; the log line is sanitized because an exception may quote a secret. */
  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.errorf("request failed: %s", Sanitizer.sanitize(e.toString()));
    return Problems.status(500);
  }
}
