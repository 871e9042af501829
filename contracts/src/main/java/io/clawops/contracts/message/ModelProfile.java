package io.clawops.contracts.message;

/** A named model configuration a run uses; fallbacks are tried in order after a model timeout. */
public record ModelProfile(String name, String model, int idleTimeoutSeconds) {

  public ModelProfile {
    Require.nonBlank(name, "name");
    Require.nonBlank(model, "model");
    Require.positive(idleTimeoutSeconds, "idleTimeoutSeconds");
  }
}
