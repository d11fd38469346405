-- Corrections (QA 9): when an article's text or title last changed after its first version was
-- stored, so a digest can tell channels that saw the earlier version. updated_at cannot say it: it
-- moves on every re-store, also when a newer extractor re-reads the same text. NULL = unchanged
-- since first stored; articles stored before this column are NULL too (when their text changed is
-- unknown, and a digest must not call the whole corpus corrected after an upgrade). Adding a
-- column with no default rewrites no rows on either engine.
ALTER TABLE articles ADD COLUMN text_changed_at timestamptz;
CREATE INDEX articles_text_changed_at ON articles (text_changed_at) WHERE text_changed_at IS NOT NULL;
-- The statements a correction brought in (no statement of the version before had their text),
-- stamped with that correction's time and kept while later versions keep the same sentence; NULL
-- for the sentences of the first version.
ALTER TABLE statements ADD COLUMN changed_at timestamptz;
