package io.clawops.status.persistence;

import io.clawops.contracts.message.Envelope;

/** A decoded envelope together with the topic it arrived on. */
public record ReceivedEvent(String topic, Envelope envelope) {}
