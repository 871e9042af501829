-- The timeline is stored in chunks (DESIGN §9): the lines one write appended for one claw, up to 50
-- of them, are one row holding a JSON array of [at, type, summary, attempt, stale] arrays. A round
-- of the fold writes a row per claw instead of a row (and an index entry) per line.
CREATE TABLE claw_timeline_chunk (
    id         BIGSERIAL NOT NULL,
    claw_id    UUID      NOT NULL,
    line_count INT       NOT NULL CHECK (line_count BETWEEN 1 AND 999),
    lines      JSON      NOT NULL
);

CREATE INDEX claw_timeline_chunk_claw_idx ON claw_timeline_chunk (claw_id, id);

-- A chunk (a few KB) stays in the row, uncompressed, up to a page.
ALTER TABLE claw_timeline_chunk SET (toast_tuple_target = 8160);

-- Every line kept so far becomes a chunk of its own, in the order it was written.
INSERT INTO claw_timeline_chunk (claw_id, line_count, lines)
SELECT claw_id, 1, json_build_array(json_build_array(at, type, summary, attempt, stale))
FROM claw_timeline
ORDER BY id;

DROP TABLE claw_timeline;

-- The lines one by one, as the table had them: id orders a claw's lines (a chunk holds fewer than
-- 1000).
CREATE VIEW claw_timeline AS
SELECT c.id * 1000 + l.n AS id,
       c.claw_id,
       (l.line ->> 0)::timestamptz AS at,
       l.line ->> 1 AS type,
       l.line ->> 2 AS summary,
       (l.line ->> 3)::int AS attempt,
       (l.line ->> 4)::boolean AS stale
FROM claw_timeline_chunk c,
     json_array_elements(c.lines) WITH ORDINALITY AS l(line, n);
