-- Syndicated copy (one wire story printed word for word by several sites: one text, several
-- articles) is one report. At ingest an article's statements without a quote join the clusters of
-- a stored copy's (text-copies.ts), found by its text hash: one probe of this index per write, not
-- a scan of every article.
CREATE INDEX articles_text_hash ON articles (text_hash);
