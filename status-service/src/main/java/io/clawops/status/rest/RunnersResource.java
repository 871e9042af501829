package io.clawops.status.rest;

import io.clawops.contracts.message.RunnerBeat;
import io.clawops.status.fleet.Fleet;
import io.clawops.status.fleet.FleetStore;
import io.clawops.status.fleet.FleetView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The runner fleet with its capacity, and the queue of tasks waiting for a slot (DESIGN §10). */
@Path("/api/runners")
@Produces(MediaType.APPLICATION_JSON)
public class RunnersResource {

  @Inject FleetView fleet;

  @GET
  public RunnersView list() {
    Instant now = Instant.now();
    List<RunnerView> runners =
        fleet.now(now).members().stream().map(RunnersResource::runner).toList();
    FleetStore.Queue queue = fleet.queue();
    Double oldest =
        queue.oldestDispatchedAt() == null
            ? null
            : Math.max(0, Duration.between(queue.oldestDispatchedAt(), now).toMillis()) / 1000.0;
    return new RunnersView(runners, new QueueView(queue.waiting(), oldest));
  }

  private static RunnerView runner(Fleet.Member member) {
    var runner = member.runner();
    return new RunnerView(
        runner.runnerId(),
        member.live() ? "live" : "lost",
        runner.slotsTotal(),
        runner.slotsBusy(),
        member.live() ? runner.slotsTotal() - runner.slotsBusy() : 0,
        runner.runs(),
        runner.version(),
        runner.lastBeatAt(),
        Math.round(member.beatAgeSeconds() * 10) / 10.0);
  }

  /** The answer of {@code GET /api/runners}. */
  public record RunnersView(List<RunnerView> runners, QueueView queue) {}

  /** One runner as its last beat describes it. */
  public record RunnerView(
      String runnerId,
      String state,
      int slotsTotal,
      int slotsBusy,
      int slotsFree,
      List<RunnerBeat.HeldRun> runs,
      String version,
      Instant lastBeatAt,
      double beatAgeSeconds) {}

  /** Tasks dispatched and not claimed yet. */
  public record QueueView(int waiting, Double oldestWaitingSeconds) {}
}
