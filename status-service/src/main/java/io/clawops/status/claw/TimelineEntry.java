package io.clawops.status.claw;

import java.time.Instant;

/**
 * One line of a claw's timeline: what happened, when, in which attempt, and whether it was stale.
 */
public record TimelineEntry(Instant at, String type, String summary, int attempt, boolean stale) {}
