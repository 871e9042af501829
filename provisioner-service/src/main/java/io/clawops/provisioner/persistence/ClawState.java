package io.clawops.provisioner.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the provisioner remembers about one claw between checklist runs: the last bootstrap attempt,
 * how it ended, and the rebootstrap commands already acted on.
 */
public record ClawState(int attempt, Phase phase, List<UUID> handledCommands) {

  /** Commands remembered per claw; older ones are long past any redelivery. */
  static final int HANDLED_COMMANDS_MAX = 100;

  /** Where the claw's checklist stands. */
  public enum Phase {
    /** Accepted, no checklist started yet. */
    ACCEPTED,
    /** A checklist runs (or ran when the process stopped). */
    BOOTSTRAPPING,
    /** The last checklist failed; a rebootstrap may run it again. */
    FAILED,
    /** The last checklist passed and the task was published; the agent owns the workspace. */
    READY
  }

  public ClawState {
    handledCommands = List.copyOf(handledCommands == null ? List.of() : handledCommands);
  }

  /** A claw that was just accepted. */
  public static ClawState accepted() {
    return new ClawState(0, Phase.ACCEPTED, List.of());
  }

  /** True when this command was acted on before. */
  public boolean handled(UUID commandId) {
    return handledCommands.contains(commandId);
  }

  /** This state with one more command remembered. */
  public ClawState withHandled(UUID commandId) {
    List<UUID> commands = new ArrayList<>(handledCommands);
    commands.add(commandId);
    while (commands.size() > HANDLED_COMMANDS_MAX) {
      commands.remove(0);
    }
    return new ClawState(attempt, phase, commands);
  }

  /** This state with a new checklist attempt started. */
  public ClawState nextAttempt() {
    return new ClawState(attempt + 1, Phase.BOOTSTRAPPING, handledCommands);
  }

  /** This state with the running attempt ended. */
  public ClawState ended(boolean ready) {
    return new ClawState(attempt, ready ? Phase.READY : Phase.FAILED, handledCommands);
  }
}
