-- The roles each speaker was given ("national security adviser"), kept by the writes that add or
-- move statements: "/speaker the president" asks which speakers had a role, and grouping every
-- statement for it took 1-2 s at a million statements (on PGlite, on the bot's only thread).
-- Only ever grown (a role a speaker once had stays), at most 50 per speaker.
ALTER TABLE speakers ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
UPDATE speakers sp SET roles = r.roles
FROM (SELECT speaker_id, (array_agg(DISTINCT speaker_role ORDER BY speaker_role))[1:50] AS roles
      FROM statements WHERE speaker_id IS NOT NULL AND speaker_role IS NOT NULL GROUP BY speaker_id) r
WHERE sp.id = r.speaker_id;
