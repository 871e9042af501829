-- Ledger of applied envelopes: the idempotency key of the fold (DESIGN F1).
CREATE TABLE processed_event (
    event_id    UUID        PRIMARY KEY,
    claw_id     UUID        NOT NULL,
    type        TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX processed_event_claw_idx ON processed_event (claw_id, occurred_at);
