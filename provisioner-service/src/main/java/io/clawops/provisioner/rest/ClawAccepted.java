package io.clawops.provisioner.rest;

import java.util.UUID;

/** The 202 answer to a claw request: the claw's id and where its status can be read. */
public record ClawAccepted(UUID clawId, String statusUrl) {}
