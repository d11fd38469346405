import type { Queryable } from './driver.js';

/**
 * Claims of platform events (a Slack event id), shared by every process on one database. A key is
 * claimed once within `ttlMs`: an expired claim is taken over, so a key can be reused later.
 */
export async function claimEvent(q: Queryable, now: () => Date, key: string, ttlMs: number): Promise<boolean> {
  const at = now();
  const expired = new Date(at.getTime() - ttlMs).toISOString();
  // One statement: two processes racing on one key cannot both win (the row lock decides).
  const rows = await q.query(
    `INSERT INTO event_claims (key, claimed_at) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at WHERE event_claims.claimed_at < $3
     RETURNING key`,
    [key, at.toISOString(), expired],
  );
  return rows.length > 0;
}

/** Drops claims past their time to live (they would be taken over anyway; this bounds the table). */
export async function pruneEventClaims(q: Queryable, now: () => Date, ttlMs: number): Promise<number> {
  const rows = await q.query('DELETE FROM event_claims WHERE claimed_at < $1 RETURNING key', [new Date(now().getTime() - ttlMs).toISOString()]);
  return rows.length;
}
