package io.clawops.status.claw;

import java.time.Instant;
import java.util.UUID;

/** A classified failure: reason code, sanitized message, when, which run, whether to retry. */
public record Failure(String code, String message, Instant at, UUID runId, boolean retryable) {}
