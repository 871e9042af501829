package io.clawops.status.fold;

import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawInput;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.Decision;
import io.clawops.status.messaging.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides an operator action on a claw under its row lock, through the same path as the fold and
 * the timers ({@link ClawDecider}), then relays what it published.
 */
@ApplicationScoped
public class ActionService {

  @Inject ClawDecider decider;
  @Inject OutboxRelay relay;

  /** Retries the claw, the next attempt with {@code runSeconds} when given; empty when no claw. */
  public Optional<ActionResult> retry(UUID clawId, String profile, Integer runSeconds) {
    return act(clawId, new ClawInput.Retry(profile, runSeconds));
  }

  /** Cancels the claw; empty when no such claw. */
  public Optional<ActionResult> cancel(UUID clawId) {
    return act(clawId, new ClawInput.Cancel());
  }

  /** Removes the claw; empty when no such claw. */
  public Optional<ActionResult> remove(UUID clawId) {
    return act(clawId, new ClawInput.Remove());
  }

  private Optional<ActionResult> act(UUID clawId, ClawInput action) {
    Optional<ActionResult> result =
        decider.run(
            "an action on claw " + clawId,
            round -> {
              Map<UUID, ClawSnapshot> locked = round.lock(List.of(clawId));
              if (!locked.containsKey(clawId)) {
                return Optional.<ActionResult>empty();
              }
              Map<UUID, Decision> decided =
                  round.decide(
                      locked, Map.of(clawId, List.of(new ClawReducer.Step(action, Instant.now()))));
              return Optional.of(decided.get(clawId).result());
            });
    relay.kick();
    return result;
  }
}
