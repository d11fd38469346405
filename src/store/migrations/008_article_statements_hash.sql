-- An article is "unchanged" only when its text AND the statements extracted from it are the same:
-- a better extractor must reach articles already stored, not only new files. Rows stored before
-- this column existed have NULL, so each is re-stored once with the current extractor.
ALTER TABLE articles ADD COLUMN statements_hash text;
