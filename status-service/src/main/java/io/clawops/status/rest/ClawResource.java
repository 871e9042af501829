package io.clawops.status.rest;

import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawState;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.fleet.Fleet;
import io.clawops.status.fleet.FleetView;
import io.clawops.status.fold.ActionService;
import io.clawops.status.persistence.ClawQueries;
import io.clawops.support.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The claw records: list, one record, its timeline, and the retry and cancel actions. */
@Path("/api/claws")
@Produces(MediaType.APPLICATION_JSON)
public class ClawResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final int TIMELINE_LIMIT = 200;

  @Inject ClawQueries queries;
  @Inject ActionService actions;
  @Inject StatusConfig config;
  @Inject FleetView fleet;

  /** Newest first; {@code nextCursor} pages on, null on the last page. */
  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("workflowRunId") String workflowRunId,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("runnerId") String runnerId,
      @QueryParam("stuckMinutes") String stuckMinutes) {
    ListQuery query = ListQuery.parse(status, workflowRunId, limit, cursor, runnerId, stuckMinutes);
    if (query.error() != null) {
      return Problems.problem(400, "Invalid query", query.error());
    }
    Instant now = Instant.now();
    Fleet runners = fleet.now(now);
    ClawQueries.Page page = queries.list(query.filter(now), query.limit(), query.cursor());
    List<ClawView> items =
        page.items().stream()
            .map(claw -> ClawViews.of(claw, now, config.ruleSettings(), runners))
            .toList();
    return Response.ok(new ClawPage(items, ListQuery.encode(page.next()))).build();
  }

  @GET
  @Path("/{id}")
  public Response get(@PathParam("id") String id) {
    return withClaw(
        id,
        claw -> {
          Instant now = Instant.now();
          return Response.ok(ClawViews.of(claw, now, config.ruleSettings(), fleet.now(now)))
              .build();
        });
  }

  /**
   * The newest lines, oldest first: {@code limit} of them (1 to {@value #TIMELINE_LIMIT}, the
   * default), so a client that watches for new lines need not read the whole timeline each time.
   */
  @GET
  @Path("/{id}/timeline")
  public Response timeline(@PathParam("id") String id, @QueryParam("limit") String limit) {
    Integer newest =
        limit == null ? Integer.valueOf(TIMELINE_LIMIT) : ListQuery.upTo(limit, TIMELINE_LIMIT);
    if (newest == null) {
      return Problems.problem(400, "Invalid query", ListQuery.notUpTo("limit", TIMELINE_LIMIT));
    }
    return ofClaw(
        id,
        clawId ->
            queries
                .timelineOfClaw(clawId, newest)
                .map(items -> Response.ok(Map.of("items", items)).build()));
  }

  /**
   * 202 when a new attempt or a re-run of the checklist was published; 400 with field errors for an
   * invalid body; 409, saying why, when refused.
   */
  @POST
  @Path("/{id}/retry")
  @Consumes(MediaType.WILDCARD)
  public Response retry(@PathParam("id") String id, String body) {
    // The body is optional, so it is read as text: a bare POST carries no content type at all.
    RetryRequest.Parsed request = RetryRequest.parse(body);
    if (!request.errors().isEmpty()) {
      return Problems.fieldErrors(Problems.ABOUT_BLANK, "Invalid retry request", request.errors());
    }
    RetryRequest retry = request.request();
    return act(id, clawId -> actions.retry(clawId, retry.profile(), retry.runSeconds()));
  }

  /** 202 once the cancel is published (final after the grace period, F11); 409 when final. */
  @POST
  @Path("/{id}/cancel")
  public Response cancel(@PathParam("id") String id) {
    return act(id, actions::cancel);
  }

  /** 202: the claw is removed and whatever runs is cancelled; repeated, it acts once. */
  @DELETE
  @Path("/{id}")
  public Response remove(@PathParam("id") String id) {
    return act(id, actions::remove);
  }

  private Response withClaw(String id, Function<ClawState, Response> found) {
    return ofClaw(id, clawId -> Optional.ofNullable(queries.find(clawId)).map(found));
  }

  private Response act(String id, Function<UUID, Optional<ActionResult>> action) {
    return ofClaw(
        id,
        clawId ->
            action
                .apply(clawId)
                .map(
                    result ->
                        result.accepted()
                            ? Response.accepted(
                                    Map.of("clawId", clawId, "statusUrl", "/api/claws/" + clawId))
                                .build()
                            : Problems.problem(409, "Action refused", result.refusal())));
  }

  /**
   * 400 for an id that is no UUID, 404 when {@code answer} finds no such claw, else its answer:
   * every path under {@code /{id}} answers for its claw the same way.
   */
  private static Response ofClaw(String id, Function<UUID, Optional<Response>> answer) {
    Optional<UUID> clawId = ClawIds.parse(id);
    if (clawId.isEmpty()) {
      return Problems.problem(400, "Invalid claw id", "claw id must be a UUID");
    }
    return answer
        .apply(clawId.get())
        .orElseGet(() -> Problems.problem(404, "Claw not found", null));
  }

  /** A page of claws. */
  public record ClawPage(List<ClawView> items, String nextCursor) {}
}
