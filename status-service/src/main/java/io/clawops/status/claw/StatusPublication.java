package io.clawops.status.claw;

import io.clawops.contracts.Topics;
import io.clawops.contracts.message.ConnectionState;
import io.clawops.contracts.message.StatusChanged;
import java.time.Instant;

/** Publishes {@code status.changed} when a claw's displayed status or connection changed. */
final class StatusPublication {

  private StatusPublication() {}

  /** Classifies the claw now and publishes the result if it differs from the last published. */
  static StatusView publishIfChanged(ClawState claw, Instant now, RuleSettings rules, Effects fx) {
    ConnectionState connection = Liveness.connection(claw, now, rules);
    StatusView view = StatusClassifier.classify(claw, connection);
    if (view.equals(claw.published) && connection == claw.publishedConnection) {
      return view;
    }
    StatusChanged changed =
        new StatusChanged(
            view.status(),
            claw.published == null ? null : claw.published.status(),
            view.reason(),
            view.message(),
            view.retryable(),
            connection);
    fx.publish(Topics.STATUS, changed);
    if (claw.published == null || claw.published.status() != view.status()) {
      claw.statusSince = now;
      fx.timeline(
          new TimelineEntry(
              now,
              StatusChanged.TYPE,
              "status "
                  + view.status().wire()
                  + (view.reason() != null ? " (" + view.reason() + ")" : ""),
              claw.currentAttempt(),
              false));
    }
    claw.published = view;
    claw.publishedConnection = connection;
    return view;
  }
}
