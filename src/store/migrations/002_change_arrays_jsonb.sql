-- The change log's id lists become jsonb so a batch's change rows go in with one multi-row
-- INSERT (unnest cannot expand arrays of text arrays of different lengths).
ALTER TABLE changes
  ALTER COLUMN touched DROP DEFAULT,
  ALTER COLUMN removed DROP DEFAULT,
  ALTER COLUMN clusters DROP DEFAULT;
ALTER TABLE changes
  ALTER COLUMN touched TYPE jsonb USING to_jsonb(touched),
  ALTER COLUMN removed TYPE jsonb USING to_jsonb(removed),
  ALTER COLUMN clusters TYPE jsonb USING to_jsonb(clusters);
ALTER TABLE changes
  ALTER COLUMN touched SET DEFAULT '[]',
  ALTER COLUMN removed SET DEFAULT '[]',
  ALTER COLUMN clusters SET DEFAULT '[]';
