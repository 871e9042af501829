package io.clawops.status.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How status-service judges the runner fleet from its capacity beats ({@code clawops.fleet.*}). */
@ConfigMapping(prefix = "clawops.fleet")
public interface FleetConfig {

  /** Beat intervals without a beat after which a runner is shown lost. */
  @WithDefault("3")
  int lostAfterBeats();

  /** How long a lost runner stays in the runners view. */
  @WithDefault("1h")
  Duration forgetAfter();
}
