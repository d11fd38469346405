-- factbot store schema, version 1. Runs unchanged on PGlite and on PostgreSQL.

CREATE TABLE articles (
  id            text PRIMARY KEY,
  title         text NOT NULL,
  outlet        text,
  url           text,
  published     text,
  author        text,
  body          text NOT NULL,
  source        text NOT NULL,
  content_hash  text NOT NULL,
  statement_count integer NOT NULL DEFAULT 0,
  -- First time this article id was stored; updated_at is the latest changed version.
  ingested_at   timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX articles_ingested_at ON articles (ingested_at DESC, id);

-- Corpus-wide speakers: `name` is canonical, `name_key` its folded form ("hr mcmaster"),
-- `surname_key` the last name, used to resolve a bare "McMaster" when unambiguous.
CREATE TABLE speakers (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL,
  name_key    text NOT NULL UNIQUE,
  surname_key text NOT NULL,
  tokens      integer NOT NULL
);
CREATE INDEX speakers_surname ON speakers (surname_key);

-- Every written form a speaker is known by (including the canonical one).
CREATE TABLE speaker_aliases (
  alias      text PRIMARY KEY,
  alias_key  text NOT NULL,
  speaker_id bigint NOT NULL REFERENCES speakers (id) ON DELETE CASCADE
);
CREATE INDEX speaker_aliases_key ON speaker_aliases (alias_key);
CREATE INDEX speaker_aliases_speaker ON speaker_aliases (speaker_id);

-- Statement id is article_id || ':' || ordinal: the primary key serves lookups by article, by id
-- and keyset pagination, so bulk loads maintain only three indexes.
CREATE TABLE statements (
  article_id      text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal         integer NOT NULL,
  text            text NOT NULL,
  kind            text NOT NULL,
  quote           text,
  speaker_id      bigint REFERENCES speakers (id),
  speaker_raw     text,
  speaker_mention text,
  speaker_role    text,
  outlet          text,
  cue             text,
  start_pos       integer NOT NULL,
  end_pos         integer NOT NULL,
  paragraph       integer NOT NULL,
  cluster_id      text NOT NULL,
  ingested_at     timestamptz NOT NULL,
  PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX statements_cluster ON statements (cluster_id);
CREATE INDEX statements_speaker ON statements (speaker_id);

-- Quote keys (src/extract/quote-keys.ts) → the cluster that holds them. n_keys: how many keys the
-- statement that brought the key had (short quotes may join a cluster on one shared key).
CREATE TABLE quote_keys (
  key        text PRIMARY KEY,
  cluster_id text NOT NULL,
  n_keys     integer NOT NULL
);
CREATE INDEX quote_keys_cluster ON quote_keys (cluster_id);

-- The change feed. An entry names the article whose statements changed (read them from
-- `statements`), statements of other articles touched (cluster merges, speaker merges), statement
-- ids that disappeared, and clusters whose size may have changed.
CREATE TABLE changes (
  seq        bigserial PRIMARY KEY,
  at         timestamptz NOT NULL,
  article_id text,
  touched    text[] NOT NULL DEFAULT '{}',
  removed    text[] NOT NULL DEFAULT '{}',
  clusters   text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE subscriptions (
  id          bigserial PRIMARY KEY,
  platform    text NOT NULL,
  channel_id  text NOT NULL,
  team_id     text,
  cron        text NOT NULL,
  schedule    text NOT NULL,
  timezone    text NOT NULL,
  created_by  text NOT NULL,
  from_config boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL
);
CREATE INDEX subscriptions_channel ON subscriptions (platform, channel_id);

-- One row per (subscription, slot): inserting it is the claim, so two processes can never both
-- post a slot. status stays NULL until the run is recorded.
CREATE TABLE digest_runs (
  subscription_id bigint NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot            timestamptz NOT NULL,
  claimed_at      timestamptz NOT NULL,
  status          text,
  covered_until   timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  error           text,
  finished_at     timestamptz,
  UNIQUE (subscription_id, slot)
);
