package io.clawops.provisioner.rest;

import io.clawops.support.rest.FieldError;
import io.clawops.support.rest.Problems;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem+json answers specific to claw requests, built on the shared {@link Problems}. */
final class ClawProblems {

  static final String INVALID_REQUEST_TYPE = "urn:clawops:problem:invalid-claw-request";

  static final String KEY_REUSED_TYPE = "urn:clawops:problem:idempotency-key-reused";

  private ClawProblems() {}

  /** 400 naming every invalid field. */
  static Response invalidRequest(List<FieldError> errors) {
    return Problems.fieldErrors(INVALID_REQUEST_TYPE, "Invalid claw request", errors);
  }

  /** 409 for an Idempotency-Key that came with another request before. */
  static Response keyReused() {
    return Problems.problem(
        KEY_REUSED_TYPE,
        409,
        "Idempotency-Key reused",
        "This Idempotency-Key was used with a different request body.");
  }
}
