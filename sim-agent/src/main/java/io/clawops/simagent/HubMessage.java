package io.clawops.simagent;

/** A message the runner wrote to the agent's stdin ({@code {"type":"hub_message",...}}). */
public record HubMessage(String id, String text) {}
