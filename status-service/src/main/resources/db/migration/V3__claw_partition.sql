-- The input partition of each claw: only the instance that owns it (and has caught up on it) runs
-- the claw's timers, so a restarted or rebalanced instance never judges from stale evidence.
ALTER TABLE claw ADD COLUMN kafka_partition INT;

DROP INDEX claw_due_idx;
CREATE INDEX claw_due_idx ON claw (kafka_partition, next_due_at) WHERE next_due_at IS NOT NULL;
