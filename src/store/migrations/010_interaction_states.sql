-- What a button on an answer needs to run its command again (a Discord Prev/Next/Share, a Slack
-- state too large for a button value). Kept here, not only in a process's memory, so a button
-- still works after a restart or when another bot process receives the click. Expired rows are
-- pruned as new ones arrive.
CREATE TABLE interaction_states (
  key        text PRIMARY KEY,
  state      jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX interaction_states_expires_at ON interaction_states (expires_at);
