-- What each folded batch costs the database (DESIGN §9).
-- Claw documents (a few KB) stay in the row, uncompressed, up to a page: a write neither compresses
-- the document nor moves it to the TOAST table.
ALTER TABLE claw SET (toast_tuple_target = 8160);
-- Nothing reads the ledger by claw: the fold asks by event id, retention by applied_at.
DROP INDEX processed_event_claw_idx;
