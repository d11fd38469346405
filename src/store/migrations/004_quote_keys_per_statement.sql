-- Quote keys belong to statements instead of clusters: a row per (key, statement), one index.
-- Merging or relabelling a cluster then touches only `statements`, a deleted statement's keys go
-- with it, and bulk loads maintain one index fewer. The keys are rebuilt from the stored quotes
-- at start (store_meta no longer says they are current).
DROP TABLE quote_keys;
CREATE TABLE quote_keys (
  key        text NOT NULL,
  article_id text NOT NULL,
  ordinal    integer NOT NULL,
  -- How many keys this statement has (short quotes may join a cluster on one shared key).
  n_keys     integer NOT NULL
);
CREATE INDEX quote_keys_key ON quote_keys (key);
DELETE FROM store_meta WHERE key = 'quote_keys';
