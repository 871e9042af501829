package io.clawops.status.rest;

import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.persistence.ClawQueries;
import io.clawops.support.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the operator may do to a claw now, and why not: the reducer decides each action on the
 * stored snapshot and nothing is saved or published, so the answer is the one the action itself
 * would give at this moment.
 */
@Path("/api/claws/{id}/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ClawActionsResource {

  @Inject ClawQueries queries;
  @Inject StatusConfig config;

  @GET
  public Response actions(@PathParam("id") String id) {
    Optional<UUID> clawId = ClawIds.parse(id);
    if (clawId.isEmpty()) {
      return Problems.problem(400, "Invalid claw id", "claw id must be a UUID");
    }
    ClawSnapshot snapshot = queries.snapshot(clawId.get());
    if (snapshot == null) {
      return Problems.problem(404, "Claw not found", null);
    }
    Instant now = Instant.now();
    RuleSettings rules = config.ruleSettings();
    // The reducer decides on the snapshot and changes nothing: each answer is a trial.
    Action retry = trial(snapshot, new ClawInput.Retry(null, null), now, rules);
    Action cancel = trial(snapshot, new ClawInput.Cancel(), now, rules);
    Action remove = trial(snapshot, new ClawInput.Remove(), now, rules);
    return Response.ok(new Actions(retry, cancel, remove, profiles(snapshot.state()))).build();
  }

  private static Action trial(
      ClawSnapshot snapshot, ClawInput action, Instant now, RuleSettings rules) {
    return Action.of(
        ClawReducer.decide(snapshot, snapshot.clawId(), action, now, rules, "trial").result());
  }

  private static List<Profile> profiles(ClawState claw) {
    List<Profile> profiles = new ArrayList<>();
    if (claw == null || claw.task == null) {
      return profiles;
    }
    List<ModelProfile> all = new ArrayList<>();
    all.add(claw.task.modelProfile());
    all.addAll(claw.task.fallbackProfiles());
    for (ModelProfile profile : all) {
      if (profiles.stream().noneMatch(p -> p.name().equals(profile.name()))) {
        profiles.add(
            new Profile(
                profile.name(), profile.model(), claw.usedProfiles.contains(profile.name())));
      }
    }
    return profiles;
  }

  /** Whether an action would be accepted now, and the API's reason when not. */
  public record Action(boolean allowed, String refusal) {
    static Action of(ActionResult result) {
      // The same text a refused action's 409 carries, which Problems sanitizes as well.
      return new Action(
          result.accepted(),
          result.refusal() == null
              ? null
              : Sanitizer.sanitize(result.refusal(), Sanitizer.MESSAGE_MAX));
    }
  }

  /** A model profile a retry may name; {@code used} when an attempt already ran on it. */
  public record Profile(String name, String model, boolean used) {}

  /** The three actions and the profiles a retry may choose from. */
  public record Actions(Action retry, Action cancel, Action remove, List<Profile> profiles) {}
}
