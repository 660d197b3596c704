-- The history (ListEdits filters by entity and editor) and a lost commit's lookup (a writer
-- whose COMMIT got no answer looks for its batch) as indexed columns beside the record.
ALTER TABLE gazette_edits
    ADD COLUMN entity_id TEXT,
    ADD COLUMN editor TEXT NOT NULL DEFAULT '',
    ADD COLUMN batch TEXT;
-- Rows written before this migration: the same values, read from their records.
UPDATE gazette_edits SET
    entity_id = COALESCE(record::jsonb ->> 'id', record::jsonb -> 'entry' ->> 'id'),
    editor = COALESCE(record::jsonb ->> 'by', '');
ALTER TABLE gazette_edits ALTER COLUMN entity_id SET NOT NULL;
CREATE INDEX gazette_edits_entity ON gazette_edits (entity_id, seq);
CREATE INDEX gazette_edits_editor ON gazette_edits (editor, seq);
CREATE INDEX gazette_edits_batch ON gazette_edits (batch) WHERE batch IS NOT NULL;
