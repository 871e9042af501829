-- Retention (DESIGN §9.2): indexes that make the sweeper's age-based deletes cheap, and the
-- tombstones that keep a purged claw purged.
CREATE INDEX processed_event_applied_idx ON processed_event (applied_at);
-- Finished claws only (the list is Retention.FINISHED, word for word): a live claw's writes add
-- nothing to this index.
CREATE INDEX claw_finished_idx ON claw (updated_at)
    WHERE status IN ('removed', 'completed', 'timed_out', 'cancelled', 'workspace_incomplete',
                     'bootstrap_failed', 'model_timeout', 'tool_blocked', 'stalled', 'failed');

-- One row per purged claw, kept for clawops.retention.tombstones: a late event for it does not
-- bring it back. late_event_at: when such an event last arrived (its timeline lines are then
-- removed by the next sweep).
CREATE TABLE claw_purged (
    claw_id       UUID        PRIMARY KEY,
    status        TEXT        NOT NULL,
    purged_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    late_event_at TIMESTAMPTZ
);

CREATE INDEX claw_purged_at_idx ON claw_purged (purged_at);
CREATE INDEX claw_purged_late_idx ON claw_purged (late_event_at) WHERE late_event_at IS NOT NULL;

-- A claw row inserted (never updated: AFTER INSERT does not fire when an upsert updates) for an id
-- that has a tombstone is taken out again at once, in the same transaction: the fold of a late
-- event for a purged claw leaves no record. One primary-key probe per new claw, none per update.
CREATE FUNCTION claw_stays_purged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claw_purged SET late_event_at = now() WHERE claw_id = NEW.claw_id;
    IF FOUND THEN
        DELETE FROM claw WHERE claw_id = NEW.claw_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER claw_stays_purged AFTER INSERT ON claw
    FOR EACH ROW EXECUTE FUNCTION claw_stays_purged();
