package io.clawops.status.fold;

import io.agroal.api.AgroalDataSource;
import io.clawops.status.claw.ActionResult;
import io.clawops.status.claw.ClawActions;
import io.clawops.status.claw.ClawState;
import io.clawops.status.claw.Effects;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.messaging.OutboxRelay;
import io.clawops.status.persistence.ClawRepository;
import io.clawops.status.persistence.ClawUnitOfWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Runs an operator action on a claw under its row lock, then relays what it published. */
@ApplicationScoped
public class ActionService {

  @Inject AgroalDataSource dataSource;
  @Inject StatusConfig config;
  @Inject SourceName source;
  @Inject OutboxRelay relay;

  /** Retries the claw; empty when no such claw. */
  public Optional<ActionResult> retry(UUID clawId, String profile) {
    return retry(clawId, profile, null);
  }

  /** Retries the claw, the next attempt with {@code runSeconds} when given; empty when no claw. */
  public Optional<ActionResult> retry(UUID clawId, String profile, Integer runSeconds) {
    return act(
        clawId,
        (claw, now, rules, fx) -> ClawActions.retry(claw, profile, runSeconds, now, rules, fx));
  }

  /** Cancels the claw; empty when no such claw. */
  public Optional<ActionResult> cancel(UUID clawId) {
    return act(clawId, ClawActions::cancel);
  }

  /** Removes the claw; empty when no such claw. */
  public Optional<ActionResult> remove(UUID clawId) {
    return act(clawId, ClawActions::remove);
  }

  private Optional<ActionResult> act(UUID clawId, Action action) {
    Optional<ActionResult> result =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  try (Connection connection = dataSource.getConnection()) {
                    ClawState claw = ClawRepository.lock(connection, clawId);
                    if (claw == null) {
                      return Optional.<ActionResult>empty();
                    }
                    Instant now = Instant.now();
                    RuleSettings rules = config.ruleSettings();
                    Effects fx = new Effects(source.value());
                    ActionResult outcome = action.apply(claw, now, rules, fx);
                    if (outcome.accepted()) {
                      claw.updatedAt = now;
                      ClawUnitOfWork.commit(
                          connection, claw, fx, now, rules, config.timelineLimit());
                    }
                    return Optional.of(outcome);
                  }
                });
    relay.kick();
    return result;
  }

  /** One action on a locked claw. */
  @FunctionalInterface
  private interface Action {
    ActionResult apply(ClawState claw, Instant now, RuleSettings rules, Effects fx);
  }
}
