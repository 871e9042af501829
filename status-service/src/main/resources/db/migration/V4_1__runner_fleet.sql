-- The fleet: the latest capacity beat (runner.beat) of every runner, whichever instance folded it.
CREATE TABLE runner (
    runner_id    TEXT        PRIMARY KEY,
    slots_total  INT         NOT NULL,
    slots_busy   INT         NOT NULL,
    runs         JSONB       NOT NULL,
    version      TEXT,
    beat_seconds INT         NOT NULL,
    beat         BIGINT      NOT NULL,
    claiming     BOOLEAN     NOT NULL,
    last_beat_at TIMESTAMPTZ NOT NULL
);
