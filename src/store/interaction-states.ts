import type { Queryable } from './driver.js';

/**
 * States behind buttons (a command and its arguments), under a random key, for `ttlMs`. The
 * state is stored as JSON and comes back as `unknown`: its reader validates it, as a format may
 * have changed between the process that wrote it and the one that reads it.
 */
export async function saveInteractionState(q: Queryable, now: () => Date, key: string, state: unknown, ttlMs: number): Promise<void> {
  const expires = new Date(now().getTime() + ttlMs).toISOString();
  await q.query(
    `INSERT INTO interaction_states (key, state, expires_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at`,
    [key, JSON.stringify(state), expires],
  );
}

/** The state under `key`, or undefined when there is none or it has expired. */
export async function loadInteractionState(q: Queryable, now: () => Date, key: string): Promise<unknown> {
  const rows = await q.query<{ state: unknown }>('SELECT state FROM interaction_states WHERE key = $1 AND expires_at > $2', [key, now().toISOString()]);
  const state = rows[0]?.state;
  // PGlite and node-postgres both parse jsonb; a driver that did not would hand back the text.
  if (typeof state !== 'string') return state ?? undefined;
  try {
    return JSON.parse(state) as unknown;
  } catch {
    return undefined;
  }
}

export async function pruneInteractionStates(q: Queryable, now: () => Date): Promise<number> {
  const rows = await q.query('DELETE FROM interaction_states WHERE expires_at <= $1 RETURNING key', [now().toISOString()]);
  return rows.length;
}
