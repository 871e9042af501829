package io.clawops.contracts.message;

/** What the runtime lets the agent do, so a failing tool can be explained to the operator. */
public record Capabilities(
    boolean elevatedExec, boolean browser, boolean fileTools, boolean processTools) {}
