-- Facts about the stored data that code checks at start, e.g. which version of the quote-key
-- algorithm (src/extract/quote-keys.ts) filled quote_keys: a new version rebuilds them.
CREATE TABLE store_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
