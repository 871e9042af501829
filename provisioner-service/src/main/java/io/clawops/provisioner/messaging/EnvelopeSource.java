package io.clawops.provisioner.messaging;

import io.clawops.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code source} every envelope of this instance carries: {@code provisioner/<instance>}. */
@ApplicationScoped
public class EnvelopeSource {

  private final String source;

  public EnvelopeSource(ProvisionerConfig config) {
    this.source = "provisioner/" + config.instanceId();
  }

  public String value() {
    return source;
  }
}
