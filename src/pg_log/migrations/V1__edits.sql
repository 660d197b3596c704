-- The shared edit log: one row per edit, in the order replicas apply them.
-- `seq` is given under an advisory lock held to commit (see pg_log.rs), so a row with a higher
-- seq is never visible before one with a lower seq: a reader that has applied up to N can ask
-- for `seq > N` and miss nothing.
CREATE TABLE gazette_edits (
    seq    BIGSERIAL PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- The edit in the journal's line format (edits::Edit::to_record), kept as text so that every
    -- store holds the same bytes.
    record TEXT NOT NULL
);
