-- Optimistic concurrency for claw documents: the fold keeps the claws it owns in memory and writes a
-- document only when its version is still the one it read; timers and actions bump it too.
ALTER TABLE claw ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
