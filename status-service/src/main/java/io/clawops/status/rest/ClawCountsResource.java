package io.clawops.status.rest;

import io.clawops.status.persistence.ClawQueries;
import io.clawops.support.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/** How many claws are in each status, under the same filters as the list but the status. */
@Path("/api/claws/counts")
@Produces(MediaType.APPLICATION_JSON)
public class ClawCountsResource {

  @Inject ClawQueries queries;

  @GET
  public Response counts(
      @QueryParam("workflowRunId") String workflowRunId,
      @QueryParam("runnerId") String runnerId,
      @QueryParam("stuckMinutes") String stuckMinutes) {
    ListQuery query = ListQuery.parse(null, workflowRunId, null, null, runnerId, stuckMinutes);
    if (query.error() != null) {
      return Problems.problem(400, "Invalid query", query.error());
    }
    Map<String, Long> counts = queries.counts(query.filter(Instant.now()));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return Response.ok(new Counts(counts, total)).build();
  }

  /** Claws per stored status (only statuses that occur), and their sum. */
  public record Counts(Map<String, Long> counts, long total) {}
}
