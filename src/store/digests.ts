import type { Platform } from '../domain/command.js';
import type { Queryable } from './driver.js';
import { iso } from './rows.js';
import type { DigestRun, DigestRunResult, NewSubscription, Subscription } from './types.js';

/** Digest subscriptions and runs. A run row per (subscription, slot) is the exactly-once claim. */

export async function addSubscription(q: Queryable, now: () => Date, sub: NewSubscription): Promise<Subscription> {
  const rows = await q.query<SubscriptionRow>(
    `INSERT INTO subscriptions (platform, channel_id, team_id, cron, schedule, timezone, created_by, from_config, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      sub.platform,
      sub.channelId,
      sub.teamId ?? null,
      sub.cron,
      sub.schedule,
      sub.timezone,
      sub.createdBy,
      sub.fromConfig ?? false,
      now().toISOString(),
    ],
  );
  return toSubscription(rows[0]!);
}

export async function removeSubscription(q: Queryable, id: number): Promise<boolean> {
  const rows = await q.query('DELETE FROM subscriptions WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export async function listSubscriptions(q: Queryable, filter: { platform?: Platform; channelId?: string } = {}): Promise<Subscription[]> {
  const rows = await q.query<SubscriptionRow>(
    `SELECT * FROM subscriptions WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR channel_id = $2)
     ORDER BY id`,
    [filter.platform ?? null, filter.channelId ?? null],
  );
  return rows.map(toSubscription);
}

export async function claimDigestSlot(q: Queryable, now: () => Date, subscriptionId: number, slot: Date): Promise<boolean> {
  try {
    const rows = await q.query(
      `INSERT INTO digest_runs (subscription_id, slot, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT (subscription_id, slot) DO NOTHING RETURNING subscription_id`,
      [subscriptionId, slot.toISOString(), now().toISOString()],
    );
    return rows.length > 0;
  } catch (err) {
    // The subscription was removed meanwhile: nothing to post.
    if ((err as { code?: string }).code === '23503') return false;
    throw err;
  }
}

export async function recordDigestRun(q: Queryable, now: () => Date, run: DigestRunResult): Promise<void> {
  const at = now().toISOString();
  try {
    await q.query(
      `INSERT INTO digest_runs (subscription_id, slot, claimed_at, status, covered_until, attempts, error, finished_at)
       VALUES ($1, $2, $7, $3, $4, $5, $6, $7)
       ON CONFLICT (subscription_id, slot) DO UPDATE SET status = EXCLUDED.status, covered_until = EXCLUDED.covered_until,
         attempts = EXCLUDED.attempts, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at`,
      [run.subscriptionId, run.slot.toISOString(), run.status, run.coveredUntil.toISOString(), run.attempts, run.error ?? null, at],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23503') return;
    throw err;
  }
}

export async function lastDigestRun(q: Queryable, subscriptionId: number, opts: { postedOnly?: boolean } = {}): Promise<DigestRun | null> {
  const rows = await q.query<{
    subscription_id: number | string;
    slot: Date | string;
    status: 'posted' | 'empty' | 'failed';
    covered_until: Date | string;
    attempts: number;
    error: string | null;
    finished_at: Date | string;
    claimed_at: Date | string;
  }>(
    `SELECT subscription_id, slot, status, covered_until, attempts, error, finished_at, claimed_at FROM digest_runs
     WHERE subscription_id = $1 AND status IS NOT NULL AND ($2::boolean IS NOT TRUE OR status = 'posted')
     ORDER BY slot DESC, finished_at DESC LIMIT 1`,
    [subscriptionId, opts.postedOnly ?? false],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    subscriptionId: Number(r.subscription_id),
    slot: new Date(iso(r.slot)),
    status: r.status,
    coveredUntil: new Date(iso(r.covered_until)),
    attempts: Number(r.attempts),
    error: r.error,
    finishedAt: iso(r.finished_at),
    claimedAt: iso(r.claimed_at),
  };
}

interface SubscriptionRow {
  id: number | string;
  platform: Platform;
  channel_id: string;
  team_id: string | null;
  cron: string;
  schedule: string;
  timezone: string;
  created_by: string;
  from_config: boolean;
  created_at: Date | string;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: Number(r.id),
    platform: r.platform,
    channelId: r.channel_id,
    teamId: r.team_id,
    cron: r.cron,
    schedule: r.schedule,
    timezone: r.timezone,
    createdBy: r.created_by,
    fromConfig: r.from_config,
    createdAt: iso(r.created_at),
  };
}
