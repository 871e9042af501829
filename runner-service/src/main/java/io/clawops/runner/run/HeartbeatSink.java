package io.clawops.runner.run;

import io.clawops.contracts.message.RunHeartbeat;
import java.util.UUID;

/** Where heartbeats go ({@code claw.heartbeats}): fire and forget, never blocks, never throws. */
public interface HeartbeatSink {

  void beat(UUID clawId, RunHeartbeat heartbeat);
}
