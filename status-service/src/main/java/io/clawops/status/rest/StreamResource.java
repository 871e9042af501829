package io.clawops.status.rest;

import io.clawops.status.messaging.StatusStream;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-Sent Events: one {@code status.changed} envelope per change (DESIGN §10). */
@Path("/api/stream")
public class StreamResource {

  @Inject StatusStream stream;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<String> stream() {
    return stream.changes();
  }
}
