-- One document per claw (the folded dimensions of DESIGN §6.1) with the columns queries need.
CREATE TABLE claw (
    claw_id         UUID        PRIMARY KEY,
    workflow_run_id TEXT,
    status          TEXT        NOT NULL,
    state           JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    -- When a timer of this claw is due next (derived from stored timestamps, so it survives restarts).
    next_due_at     TIMESTAMPTZ
);

CREATE INDEX claw_list_idx ON claw (created_at DESC, claw_id DESC);
CREATE INDEX claw_status_idx ON claw (status, created_at DESC);
CREATE INDEX claw_workflow_run_idx ON claw (workflow_run_id, created_at DESC);
CREATE INDEX claw_due_idx ON claw (next_due_at) WHERE next_due_at IS NOT NULL;

-- A bounded, sanitized timeline per claw.
CREATE TABLE claw_timeline (
    id      BIGSERIAL   PRIMARY KEY,
    claw_id UUID        NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    type    TEXT        NOT NULL,
    summary TEXT        NOT NULL,
    attempt INT         NOT NULL,
    stale   BOOLEAN     NOT NULL
);

CREATE INDEX claw_timeline_claw_idx ON claw_timeline (claw_id, id);

-- Transactional outbox: what a fold or action decided to publish, relayed after commit.
CREATE TABLE outbox (
    id         BIGSERIAL   PRIMARY KEY,
    topic      TEXT        NOT NULL,
    record_key TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
