package io.clawops.status.claw;

import java.time.Instant;

/** One cause seen for a run (DESIGN F5): every cause is kept, the first authoritative is pinned. */
public record Cause(String code, String message, Instant at) {}
