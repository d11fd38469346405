import type { Config, DigestScheduleConfig } from '../config.js';
import type { BotServices } from '../dispatch/index.js';
import type { ChannelPoster } from '../platforms/types.js';
import type { Store, Subscription } from '../store/types.js';
import { log } from '../log.js';
import { systemClock, type Clock } from './clock.js';
import { DigestScheduler, type RetryPolicy, type SlotOutcome } from './scheduler.js';
import { parseSchedule } from './schedule.js';
import { announceSubscriptionsChanged } from './events.js';

export { ManualClock, systemClock, type Clock } from './clock.js';
export { DigestScheduler, type SlotOutcome } from './scheduler.js';
export { composeDigest, gatherDigest } from './compose.js';
export { parseSchedule, nextSlot, latestSlot } from './schedule.js';

export interface StartDigestsOptions {
  services: Pick<BotServices, 'corpus' | 'store'>;
  posters: readonly ChannelPoster[];
  config: Pick<Config, 'digest' | 'timezone'>;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  resyncMs?: number;
}

export interface DigestRuntime {
  stop(): Promise<void>;
  /** Resolves when no digest is being prepared or posted (tests on a manual clock wait on it). */
  idle(): Promise<void>;
  /** What this process ran, newest last. */
  readonly outcomes: readonly SlotOutcome[];
}

/**
 * Starts scheduled digests: upserts the operator's DIGEST_SCHEDULES, then runs every
 * subscription's slots through the posters of the platforms running in this process. Slots that
 * passed while the bot was down are caught up at once (one digest per subscription).
 */
export async function startDigests(opts: StartDigestsOptions): Promise<DigestRuntime> {
  const clock = opts.clock ?? systemClock;
  try {
    await upsertConfigSchedules(opts.services.store, opts.config.digest.schedules, opts.config.timezone, clock.now());
  } catch (err) {
    log.error({ err }, 'DIGEST_SCHEDULES could not be applied; user subscriptions still run');
  }
  const scheduler = new DigestScheduler({
    store: opts.services.store,
    corpus: opts.services.corpus,
    posters: opts.posters,
    clock,
    postEmpty: opts.config.digest.postEmpty,
    retry: opts.retry,
    resyncMs: opts.resyncMs,
  });
  scheduler.start();
  return {
    stop: () => scheduler.stop(),
    idle: () => scheduler.idle(),
    outcomes: scheduler.outcomes,
  };
}

interface Target {
  platform: string;
  channelId: string;
  cron: string;
  timezone: string;
}

const sameTarget = (a: Target, b: Target) =>
  a.platform === b.platform && a.channelId === b.channelId && a.cron === b.cron && a.timezone === b.timezone;

/**
 * Makes the store's operator-declared subscriptions match DIGEST_SCHEDULES: adds the missing,
 * removes those no longer declared, and (when two processes started at once) keeps only the
 * oldest of identical ones. User subscriptions are never touched. Invalid entries are logged
 * and skipped.
 */
export async function upsertConfigSchedules(
  store: Store,
  schedules: readonly DigestScheduleConfig[],
  defaultTimezone: string,
  now: Date,
): Promise<{ added: number; removed: number; invalid: string[] }> {
  const desired: Array<{ platform: 'slack' | 'discord'; channelId: string; cron: string; schedule: string; timezone: string }> = [];
  const invalid: string[] = [];
  for (const [i, entry] of schedules.entries()) {
    const parsed = parseSchedule(entry.cron, entry.timezone ?? defaultTimezone, now);
    if (!parsed.ok) {
      invalid.push(`DIGEST_SCHEDULES[${i}]: ${parsed.error}`);
      log.error({ entry }, `DIGEST_SCHEDULES[${i}] skipped: ${parsed.error}`);
      continue;
    }
    const d = { platform: entry.platform, channelId: entry.channel, ...parsed.value };
    if (!desired.some((x) => sameTarget(x, d))) desired.push(d);
  }

  const existing = (await store.listSubscriptions()).filter((s) => s.fromConfig);
  let added = 0;
  let removed = 0;
  for (const d of desired) {
    if (existing.some((s) => sameTarget(s, d))) continue;
    await store.addSubscription({ ...d, createdBy: 'DIGEST_SCHEDULES', fromConfig: true });
    added++;
  }
  const after = (await store.listSubscriptions()).filter((s) => s.fromConfig).sort((a, b) => a.id - b.id);
  const kept: Subscription[] = [];
  for (const s of after) {
    const declared = desired.some((d) => sameTarget(s, d));
    const duplicate = kept.some((k) => sameTarget(k, s));
    if (!declared || duplicate) {
      if (await store.removeSubscription(s.id)) removed++;
    } else kept.push(s);
  }
  if (added || removed) log.info({ added, removed }, 'DIGEST_SCHEDULES applied');
  return { added, removed, invalid };
}

/**
 * factbot was removed from a channel (`/remove @factbot` on Slack): the digests people subscribed
 * there stop, as whoever removed it meant (on Slack it may still post in a public channel it is not
 * in, so they would have kept coming). Digests an operator declared (`DIGEST_SCHEDULES`) stay: the
 * configuration decides those. Returns how many were stopped.
 */
export async function stopDigestsIn(store: Pick<Store, 'listSubscriptions' | 'removeSubscription'>, platform: Subscription['platform'], channelId: string): Promise<number> {
  const subs = await store.listSubscriptions({ platform, channelId });
  let stopped = 0;
  for (const sub of subs) {
    if (sub.fromConfig) continue;
    if (await store.removeSubscription(sub.id)) stopped++;
  }
  if (stopped) {
    announceSubscriptionsChanged();
    log.info({ platform, channelId, stopped }, 'removed from a channel: its digests stopped');
  }
  return stopped;
}
