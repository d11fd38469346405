-- How many statements each speaker has, kept by the writes that add, remove or move them:
-- speakers() is read after every ingest and must not group a million statements each time.
ALTER TABLE speakers ADD COLUMN statement_count integer NOT NULL DEFAULT 0;
UPDATE speakers sp SET statement_count = c.n
FROM (SELECT speaker_id, count(*)::int AS n FROM statements WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c
WHERE sp.id = c.speaker_id;
CREATE INDEX speakers_with_statements ON speakers (statement_count) WHERE statement_count > 0;
