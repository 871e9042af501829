package io.clawops.status.claw;

import io.clawops.contracts.message.ClawStatus;

/** The displayed status with its reason code, operator message and retry flag (DESIGN §6.2). */
public record StatusView(ClawStatus status, String reason, String message, boolean retryable) {}
