package io.clawops.provisioner.rest;

import io.clawops.contracts.sanitize.Sanitizer;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns framework errors (unknown path, wrong method or media type) and unexpected failures into
 * problem+json without detail, so no exception text reaches a client.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    return Problems.status(e.getResponse().getStatus());
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.errorf("request failed: %s", Sanitizer.sanitize(e.toString()));
    return Problems.status(500);
  }
}
