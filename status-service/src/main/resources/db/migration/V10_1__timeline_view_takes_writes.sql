-- An instance of the version before V10, still running during a rolling upgrade, writes and prunes
-- timeline lines one by one: its COPY into claw_timeline becomes a chunk per line, and a line it
-- deletes takes its whole chunk with it (its prune then keeps up to a chunk fewer than the limit;
-- retention deletes whole claws anyway). Its rounds go on instead of failing.
CREATE FUNCTION claw_timeline_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claw_timeline_chunk (claw_id, line_count, lines)
    VALUES (NEW.claw_id, 1,
            json_build_array(json_build_array(NEW.at, NEW.type, NEW.summary, NEW.attempt, NEW.stale)));
    RETURN NEW;
END
$$;

CREATE TRIGGER claw_timeline_insert INSTEAD OF INSERT ON claw_timeline
    FOR EACH ROW EXECUTE FUNCTION claw_timeline_insert();

CREATE FUNCTION claw_timeline_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM claw_timeline_chunk WHERE id = OLD.id / 1000;
    RETURN OLD;
END
$$;

CREATE TRIGGER claw_timeline_delete INSTEAD OF DELETE ON claw_timeline
    FOR EACH ROW EXECUTE FUNCTION claw_timeline_delete();
