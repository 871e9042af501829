-- Every read of the timeline goes by claw (claw_timeline_claw_idx: the REST timeline, the prune,
-- retention); nothing looks a line up by its id alone. Without the primary key each line the fold
-- appends costs one index entry instead of two. The id stays: it orders a claw's lines.
ALTER TABLE claw_timeline DROP CONSTRAINT claw_timeline_pkey;
