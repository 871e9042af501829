package io.clawops.contracts.message;

import java.util.UUID;

/** {@code command.rebootstrap}: the provisioner re-runs the claw's readiness checklist. */
public record CommandRebootstrap(UUID commandId) implements Command {

  public static final String TYPE = "command.rebootstrap";

  public CommandRebootstrap {
    Require.present(commandId, "commandId");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
