-- Article.sourceKey: the real path of a file that holds one article. Storing an article deletes
-- every other article with the same key, so an edited file (whose text-derived id changed)
-- replaces its earlier version instead of corroborating it.
ALTER TABLE articles ADD COLUMN source_key text;
CREATE INDEX articles_source_key ON articles (source_key) WHERE source_key IS NOT NULL;
