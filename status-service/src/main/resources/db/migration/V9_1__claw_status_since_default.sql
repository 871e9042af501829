-- During a rolling upgrade, instances from before V9 still fold claws for a while. Their upsert
-- does not know status_since: a claw they insert gets the time of its insert (their updates keep
-- the value it has), instead of a NOT NULL violation that would fail every record they apply.
-- Their scheduler-queue count (it reads the document as jsonb) fails until they are replaced;
-- runner_id, status_since and queued_at of the claws they write are brought up to date by the
-- next write of an upgraded instance.
ALTER TABLE claw ALTER COLUMN status_since SET DEFAULT now();
