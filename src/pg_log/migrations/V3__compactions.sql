-- `gazette compact --prune-through`: edits folded into a gazetteer file and dropped from the
-- log. Their seqs still count as seen, so a store whose newest rows were pruned is not taken
-- for one that went back (a restore, a lossy failover).
CREATE TABLE gazette_compactions (
    through_seq  BIGINT NOT NULL,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    into_file    TEXT NOT NULL,
    entities     INTEGER NOT NULL,
    rows_deleted BIGINT NOT NULL
);
