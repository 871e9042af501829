package io.clawops.simagent;

import io.clawops.simagent.scenario.Crash;
import io.clawops.simagent.scenario.ElevatedLoop;
import io.clawops.simagent.scenario.Flood;
import io.clawops.simagent.scenario.Hang;
import io.clawops.simagent.scenario.Healthy;
import io.clawops.simagent.scenario.ModelTimeout;
import io.clawops.simagent.scenario.SecretFamiliesLeak;
import io.clawops.simagent.scenario.SecretLeak;
import io.clawops.simagent.scenario.SlowTool;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The bundled scenarios by the name a prompt uses. */
public final class Scenarios {

  private static final Map<String, Scenario> BY_NAME =
      Map.ofEntries(
          Map.entry("healthy", new Healthy()),
          Map.entry("elevated-loop-recovers", new ElevatedLoop(true)),
          Map.entry("elevated-loop-stubborn", new ElevatedLoop(false)),
          Map.entry("model-timeout", new ModelTimeout()),
          Map.entry("slow-tool", new SlowTool()),
          Map.entry("hang", new Hang()),
          Map.entry("crash", new Crash()),
          Map.entry("secret-leak", new SecretLeak()),
          Map.entry("secret-families", new SecretFamiliesLeak()),
          Map.entry("flood", new Flood()));

  private Scenarios() {}

  public static Optional<Scenario> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }
}
