package io.clawops.status.persistence;

import io.clawops.contracts.message.Envelope;

/** A decoded envelope with the topic and partition it arrived on. */
public record ReceivedEvent(String topic, int partition, Envelope envelope) {}
