-- What a claw document write costs (DESIGN §9): most writes rewrite the row in its own page
-- without touching an index (a HOT update). For that, no indexed column may change on an ordinary
-- write, and the page needs room for the new version:
-- * fillfactor 50 leaves half of each page free for the next versions of its rows;
-- * the document is json (checked, stored as written) instead of jsonb (parsed into a tree on
--   every write); what is queried inside it becomes a column of its own (runner_id, status_since,
--   queued_at), none of them indexed;
-- * retention finds finished claws by status_since, which changes with the status only, instead
--   of updated_at, which changes on every write;
-- * next_due_at is indexed, so the fold keeps it while it is still ahead (ClawUnitOfWork).
ALTER TABLE claw SET (fillfactor = 50);
-- Rewrites the table, with the fillfactor.
ALTER TABLE claw ALTER COLUMN state TYPE json USING state::json;

ALTER TABLE claw
    ADD COLUMN runner_id TEXT,
    ADD COLUMN status_since TIMESTAMPTZ,
    ADD COLUMN queued_at TIMESTAMPTZ;

-- The runner of the current attempt; when the claw entered its status; when its current attempt
-- was dispatched, while it waits for a runner (Decision.Row says the same in Java).
UPDATE claw SET
    runner_id = state #>> '{runs,-1,runnerId}',
    status_since = COALESCE((state ->> 'statusSince')::timestamptz,
                            (state ->> 'updatedAt')::timestamptz, updated_at),
    queued_at = CASE
        WHEN status IN ('ready', 'recovering')
             AND state ->> 'lifecycle' = 'ready'
             AND json_array_length(state -> 'runs') > 0
             AND state #>> '{runs,-1,runId}' IS NULL
             AND state #>> '{runs,-1,claimedAt}' IS NULL
             AND state #>> '{runs,-1,outcome}' IS NULL
             AND NOT coalesce((state #>> '{runs,-1,superseded}')::boolean, false)
             AND state ->> 'cancelRequestedAt' IS NULL
        THEN (state #>> '{runs,-1,dispatchedAt}')::timestamptz
    END;

ALTER TABLE claw ALTER COLUMN status_since SET NOT NULL;

-- Finished claws only (the list is Retention.FINISHED, word for word).
DROP INDEX claw_finished_idx;
CREATE INDEX claw_finished_idx ON claw (status_since)
    WHERE status IN ('removed', 'completed', 'timed_out', 'cancelled', 'workspace_incomplete',
                     'bootstrap_failed', 'model_timeout', 'tool_blocked', 'stalled', 'failed');
