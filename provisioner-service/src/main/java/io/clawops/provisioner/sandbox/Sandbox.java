package io.clawops.provisioner.sandbox;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A claw's prepared place to run: the absolute workspace path the task carries, and whether it
 * already existed (a rebootstrap reuses it).
 */
public record Sandbox(UUID clawId, String provider, Path workspace, boolean reused) {}
