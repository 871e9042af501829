package io.clawops.status.rest;

import io.clawops.contracts.message.ModelProfile;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawActions;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.Effects;
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
 * What the operator may do to a claw now, and why not: each action is run against a throwaway copy
 * of the stored record (nothing is saved or published), so the answer is the one the action itself
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
    if (queries.find(clawId.get()) == null) {
      return Problems.problem(404, "Claw not found", null);
    }
    Instant now = Instant.now();
    RuleSettings rules = config.ruleSettings();
    // Every check reads a fresh copy: a trial action mutates the copy it is given.
    Action retry =
        Action.of(ClawActions.retry(fresh(clawId.get()), null, now, rules, new Effects("trial")));
    Action cancel = Action.of(ClawActions.cancel(fresh(clawId.get()), now, rules, trial()));
    Action remove = Action.of(ClawActions.remove(fresh(clawId.get()), now, rules, trial()));
    return Response.ok(new Actions(retry, cancel, remove, profiles(fresh(clawId.get())))).build();
  }

  private ClawState fresh(UUID clawId) {
    return queries.find(clawId);
  }

  private static Effects trial() {
    return new Effects("trial");
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
