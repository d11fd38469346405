-- Corroboration counts distinct texts, not stored articles: the same page ingested as a file (id
-- from its text) and as a URL (id from the URL) is two articles with one text, and must not
-- corroborate itself. md5 is enough to tell texts apart here (not a security boundary).
ALTER TABLE articles ADD COLUMN text_hash text;
UPDATE articles SET text_hash = md5(body);
ALTER TABLE articles ALTER COLUMN text_hash SET NOT NULL;
