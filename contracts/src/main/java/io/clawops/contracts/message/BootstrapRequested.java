package io.clawops.contracts.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;

/**
 * {@code bootstrap.requested}: the provisioner accepted a claw and starts its checklist.
 *
 * <p>{@code spec} is the create request with secrets removed (the provisioner's job); absent or
 * null becomes an empty object. {@code workflowRunId} may be null.
 */
public record BootstrapRequested(String workflowRunId, JsonNode spec, Instant deadlineAt)
    implements MessageData {

  public static final String TYPE = "bootstrap.requested";

  public BootstrapRequested {
    if (spec == null || spec.isNull() || spec.isMissingNode()) {
      spec = JsonNodeFactory.instance.objectNode();
    }
    Require.present(deadlineAt, "deadlineAt");
  }

  @Override
  public String type() {
    return TYPE;
  }
}
