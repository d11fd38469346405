-- Platform event ids claimed by whichever bot process saw them first: Slack retries an event it
-- did not see acknowledged in time, possibly to another process, and it must be answered once.
-- Rows older than their time to live are pruned as new ones arrive.
CREATE TABLE event_claims (
  key        text PRIMARY KEY,
  claimed_at timestamptz NOT NULL
);
CREATE INDEX event_claims_claimed_at ON event_claims (claimed_at);
