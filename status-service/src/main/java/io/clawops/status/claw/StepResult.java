package io.clawops.status.claw;

import java.time.Instant;
import java.util.Map;

/** The latest result of one bootstrap checklist step, as published by the provisioner. */
public record StepResult(
    String step,
    String outcome,
    String reason,
    String message,
    int attempt,
    long durationMs,
    Map<String, Object> evidence,
    Instant at) {}
