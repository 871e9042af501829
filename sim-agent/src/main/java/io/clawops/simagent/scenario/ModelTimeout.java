package io.clawops.simagent.scenario;

import io.clawops.simagent.AgentIo;
import io.clawops.simagent.Scenario;
import io.clawops.simagent.ScenarioSpec;

/**
 * {@code model-timeout}: the model provider times out on every model except {@code ok-model}. On a
 * timing-out model it reports the request, waits {@code wait-ms} (default 200), reports the timeout
 * (latency {@code provider-timeout-seconds}, default 120) and error {@code agent.model_timeout},
 * then exits 2 without a result; on {@code ok-model} it completes.
 */
public final class ModelTimeout implements Scenario {

  @Override
  public int play(AgentIo io, ScenarioSpec spec, String model) {
    long waitMs = spec.number("wait-ms", 200);
    io.text("Planning the change");
    io.model("request", model, null);
    io.sleep(waitMs);
    if (spec.text("ok-model").filter(model::equals).isPresent()) {
      io.model("response", model, waitMs);
      io.toolUse("c1", "edit_file", io.object().put("path", "src/main.c"));
      io.toolResult("c1", true, "1 file changed");
      io.result("completed", "Change applied with " + model);
      return 0;
    }
    long providerTimeout = spec.number("provider-timeout-seconds", 120);
    io.model("timeout", model, providerTimeout * 1000);
    io.error(
        "agent.model_timeout", "provider idle timeout after " + providerTimeout + "s on " + model);
    return 2;
  }
}
