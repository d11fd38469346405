import type { Corpus } from '../corpus/types.js';
import type { Platform } from '../domain/command.js';
import type { Reply } from '../domain/reply.js';
import type { ChannelPoster } from '../platforms/types.js';
import { PostError } from '../platforms/types.js';
import type { Store, Subscription } from '../store/types.js';
import { log as rootLog, type Logger } from '../log.js';
import { MAX_TIMER_MS, type Clock } from './clock.js';
import {
  composeDigest,
  correctionWindow,
  firstDigestFloor,
  gatherCorrections,
  gatherDigest,
  type CorrectedArticle,
  type CorrectionWindow,
  type GatherDeps,
  type GatheredDigest,
} from './compose.js';
import { onSubscriptionsChanged } from './events.js';
import { latestSlot, nextSlot } from './schedule.js';

/**
 * Runs every subscription's slots. The guarantees rest on the store, not on this process:
 * - exactly once per slot: a slot is claimed in the database (`claimDigestSlot`) before anything
 *   is posted, so a second process on the same PostgreSQL store, or this one after a restart,
 *   never posts it again;
 * - catch-up: on each wake only the latest slot that passed is run, so a bot that was down over
 *   several slots posts one digest covering everything since the last posted one;
 * - a failing post is retried with bounded exponential backoff (honouring Retry-After) and then
 *   recorded as failed; nothing here throws into the caller.
 * A crash between claiming and recording loses that slot's post (at most once); the next digest
 * still covers its articles, because coverage starts at the last *posted* digest.
 */

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Upper bound on a platform's Retry-After we are willing to wait inside one slot. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 2_000, maxMs: 60_000, maxRetryAfterMs: 15 * 60_000 };

export interface SchedulerOptions {
  store: Store;
  corpus: Corpus;
  posters: readonly ChannelPoster[];
  clock: Clock;
  postEmpty: boolean;
  retry?: Partial<RetryPolicy>;
  /**
   * How often subscriptions are re-read from the store even when nothing is due, so changes made
   * by other processes take effect (changes made in this process apply at once).
   */
  resyncMs?: number;
  logger?: Logger;
}

interface SubState {
  sub: Subscription;
  /** Slots at or before this instant are done (posted, failed, or owned by another process). */
  handledUntil: Date | null;
  /** When this process first saw the subscription (its clock), for one that has never run. */
  firstSeen: Date;
  running: boolean;
  broken?: string;
}

export interface SlotOutcome {
  subscriptionId: number;
  slot: Date;
  status: 'posted' | 'empty' | 'failed' | 'claimed-elsewhere';
  attempts: number;
  error?: string;
}

/** Thrown inside a posting lane when the scheduler stops while a post waits its turn. */
const STOPPED = Symbol('stopped');

/** Counts work in flight so tests on a manual clock can wait until the scheduler has settled. */
class Activity {
  private active = 0;
  private waiters: Array<() => void> = [];

  enter(): void {
    this.active++;
  }

  leave(): void {
    this.active--;
    if (this.active === 0) {
      const ws = this.waiters;
      this.waiters = [];
      for (const w of ws) w();
    }
  }

  /** Resolves when nothing is running (work waiting on a clock timer does not count). */
  idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }
}

export class DigestScheduler {
  private readonly store: Store;
  private readonly corpus: Corpus;
  private readonly posters: Map<Platform, ChannelPoster>;
  private readonly clock: Clock;
  private readonly postEmpty: boolean;
  private readonly retry: RetryPolicy;
  private readonly resyncMs: number;
  private readonly log: Logger;

  private readonly subs = new Map<number, SubState>();
  private readonly activity = new Activity();
  private cancelTimer: (() => void) | null = null;
  private unlisten: (() => void) | null = null;
  private stopped = false;
  private waking = false;
  private wakeAgain = false;
  private readonly sleepers = new Set<() => void>();
  /**
   * One lane per platform: digest posts go out one at a time, and a Retry-After the platform gave
   * any of them pauses all of them. Slack's limits hold for the whole workspace: with every due
   * channel posting at once, each slot waiting out its own 429 alone, the others kept posting into
   * the limit and then all retried at the same instant, until most had spent their attempts.
   */
  private readonly lanes = new Map<Platform, { tail: Promise<void>; queued: number; pausedUntil: number }>();
  /** Outcomes of the slots this process ran, newest last (tests and logs read them). */
  readonly outcomes: SlotOutcome[] = [];

  constructor(opts: SchedulerOptions) {
    this.store = opts.store;
    this.corpus = opts.corpus;
    this.posters = new Map(opts.posters.map((p) => [p.platform, p]));
    this.clock = opts.clock;
    this.postEmpty = opts.postEmpty;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.resyncMs = opts.resyncMs ?? 60_000;
    this.log = (opts.logger ?? rootLog).child({ module: 'digest' });
  }

  /** Runs what is due now (the catch-up after a restart) and keeps running slots as they come. */
  start(): void {
    if (this.stopped) throw new Error('DigestScheduler: cannot restart a stopped scheduler');
    this.unlisten = onSubscriptionsChanged(() => this.refresh());
    this.refresh();
  }

  /** Re-reads subscriptions and runs anything due; called when subscriptions change. */
  refresh(): void {
    if (this.stopped) return;
    this.activity.enter();
    void this.wake().finally(() => this.activity.leave());
  }

  /** Resolves when no slot is being worked on and no re-read is running. */
  idle(): Promise<void> {
    return this.activity.idle();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unlisten?.();
    this.cancelTimer?.();
    this.cancelTimer = null;
    // Backoff waits end now: those posts are recorded as failed rather than left claimed and silent.
    for (const wakeSleeper of [...this.sleepers]) wakeSleeper();
    await this.activity.idle();
  }

  private async wake(): Promise<void> {
    if (this.waking) {
      this.wakeAgain = true;
      return;
    }
    this.waking = true;
    try {
      do {
        this.wakeAgain = false;
        await this.runDue();
      } while (this.wakeAgain && !this.stopped);
    } catch (err) {
      this.log.error({ err }, 'digest scheduler could not read subscriptions; will retry');
    } finally {
      this.waking = false;
      this.arm();
    }
  }

  private async runDue(): Promise<void> {
    const all = await this.store.listSubscriptions();
    const now = this.clock.now();
    const seen = new Set<number>();
    for (const sub of all) {
      // Another process runs the platforms this one has no poster for; claiming their slots here
      // would only record failures.
      if (!this.posters.has(sub.platform)) continue;
      seen.add(sub.id);
      const state = this.subs.get(sub.id);
      if (state) state.sub = sub;
      else this.subs.set(sub.id, { sub, handledUntil: null, firstSeen: now, running: false });
    }
    for (const id of [...this.subs.keys()]) if (!seen.has(id)) this.subs.delete(id);

    // One set of corpus-wide reads for every slot this wake starts (see sharedReads).
    const reads = this.sharedReads();
    for (const state of this.subs.values()) {
      if (state.running || this.stopped) continue;
      if (state.handledUntil === null) {
        const last = await this.store.lastDigestRun(state.sub.id);
        state.handledUntil = last ? new Date(last.slot) : this.creationFloor(state, now);
      }
      let due: Date | null;
      try {
        due = latestSlot(state.sub.cron, state.sub.timezone, now, state.handledUntil);
        state.broken = undefined;
      } catch (err) {
        if (state.broken === undefined) {
          this.log.error({ err, subscription: state.sub.id, cron: state.sub.cron }, 'digest schedule is invalid; skipped');
        }
        state.broken = (err as Error).message;
        continue;
      }
      if (due) {
        const previous = state.handledUntil;
        state.handledUntil = due;
        state.running = true;
        this.activity.enter();
        void this.runSlot(state, due, previous, reads).finally(() => {
          state.running = false;
          this.activity.leave();
        });
      }
    }
  }

  /**
   * A subscription that never ran starts at its creation. The store stamps creation with the
   * database's clock; when that is ahead of ours (a test's manual clock, clock skew) we use the
   * moment we first saw it instead, so no slot "passes" before the subscription existed for us.
   */
  private creationFloor(state: SubState, now: Date): Date {
    const created = Date.parse(state.sub.createdAt);
    if (Number.isNaN(created) || created > now.getTime()) return state.firstSeen;
    return new Date(created);
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const now = this.clock.now();
    let wakeAt = now.getTime() + this.resyncMs;
    for (const state of this.subs.values()) {
      if (state.broken !== undefined) continue;
      try {
        const from = state.handledUntil && state.handledUntil > now ? state.handledUntil : now;
        const next = nextSlot(state.sub.cron, state.sub.timezone, from);
        if (next) wakeAt = Math.min(wakeAt, next.getTime());
      } catch {
        // Reported once by runDue.
      }
    }
    const delay = Math.min(Math.max(0, wakeAt - now.getTime()), MAX_TIMER_MS);
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = null;
      this.refresh();
    }, delay);
  }

  /**
   * The reads of the slots one wake starts, shared: every channel due at the same minute read the
   * whole corpus's cluster sizes (a scan of every statement) and speakers for itself, and its digest
   * again when another channel's covered the same period. On the embedded database those reads run
   * on the main thread, so a hundred channels at 09:00 held up every answer meanwhile.
   */
  private sharedReads(): {
    deps: GatherDeps;
    gather(since: Date | null, timezone: string): Promise<GatheredDigest>;
    corrections(window: CorrectionWindow | null): Promise<CorrectedArticle[]>;
  } {
    let sizes: ReturnType<Store['clusterSizes']> | undefined;
    let speakers: ReturnType<Corpus['speakers']> | undefined;
    const deps: GatherDeps = {
      corpus: {
        articlesSince: (since, limit) => this.corpus.articlesSince(since, limit),
        corroboration: (statement) => this.corpus.corroboration(statement),
        speakers: () => (speakers ??= this.corpus.speakers()),
      },
      store: {
        clusterSizes: () => (sizes ??= this.store.clusterSizes()),
        getStatements: (articleId) => this.store.getStatements(articleId),
        ...(this.store.textCopies ? { textCopies: (ids: readonly string[]) => this.store.textCopies!(ids) } : {}),
      },
    };
    const digests = new Map<string, Promise<GatheredDigest>>();
    const corrections = new Map<string, Promise<CorrectedArticle[]>>();
    const store = this.store;
    return {
      deps,
      corrections(window) {
        if (!window) return Promise.resolve([]);
        const key = `${window.coveredFrom?.toISOString() ?? 'all'} ${window.coveredUntil.toISOString()} ${window.changedAfter.toISOString()}`;
        let found = corrections.get(key);
        if (!found) {
          found = gatherCorrections(store, window);
          corrections.set(key, found);
        }
        return found;
      },
      gather(since, timezone) {
        const key = `${since?.toISOString() ?? 'all'} ${timezone}`;
        let gathered = digests.get(key);
        if (!gathered) {
          gathered = gatherDigest(deps, since, timezone);
          digests.set(key, gathered);
        }
        return gathered;
      },
    };
  }

  private async runSlot(state: SubState, slot: Date, previous: Date | null, reads: ReturnType<DigestScheduler['sharedReads']>): Promise<void> {
    const sub = state.sub;
    const log = this.log.child({ subscription: sub.id, slot: slot.toISOString() });
    let claimed: boolean;
    try {
      claimed = await this.store.claimDigestSlot(sub.id, slot);
    } catch (err) {
      // Unknown whether the claim landed: try again at the next wake (a claim that did land is
      // then refused, and the slot is left to whoever holds it).
      state.handledUntil = previous;
      log.error({ err }, 'could not claim digest slot');
      return;
    }
    if (!claimed) {
      log.debug('digest slot already claimed by another run');
      this.outcomes.push({ subscriptionId: sub.id, slot, status: 'claimed-elsewhere', attempts: 0 });
      return;
    }

    let since: Date | null = null;
    try {
      const lastPosted = await this.store.lastDigestRun(sub.id, { postedOnly: true });
      since = lastPosted ? new Date(lastPosted.coveredUntil) : this.contentFloor(sub);
      const gathered = await reads.gather(since, sub.timezone);
      const corrected = await reads.corrections(correctionWindow(sub, lastPosted));
      const composed = composeDigest(
        { ...gathered.input, sinceLastDigest: lastPosted !== null, ...(corrected.length ? { corrected } : {}) },
        { postEmpty: this.postEmpty },
      );
      const coveredUntil = gathered.coveredUntil ?? since ?? slot;
      if (!composed.reply) {
        await this.record({ subscriptionId: sub.id, slot, status: 'empty', coveredUntil, attempts: 0 });
        log.info('nothing new: no digest posted');
        return;
      }
      const { attempts, error } = await this.postWithRetry(sub, composed.reply);
      if (error === undefined) {
        await this.record({
          subscriptionId: sub.id,
          slot,
          status: composed.empty ? 'empty' : 'posted',
          // An empty note covers nothing: the next digest starts where the last real one ended.
          coveredUntil: composed.empty ? (since ?? slot) : coveredUntil,
          attempts,
        });
        log.info(
          { articles: composed.articles, quotes: composed.quotes, attempts },
          composed.empty ? 'nothing new: short note posted (DIGEST_POST_EMPTY)' : 'digest posted',
        );
      } else {
        await this.record({ subscriptionId: sub.id, slot, status: 'failed', coveredUntil: since ?? slot, attempts, error });
        log.warn({ attempts, error }, 'digest post failed; recorded');
      }
    } catch (err) {
      const error = `digest could not be prepared: ${(err as Error).message}`;
      log.error({ err }, 'digest run failed');
      await this.record({ subscriptionId: sub.id, slot, status: 'failed', coveredUntil: since ?? slot, attempts: 0, error }).catch(
        (e: unknown) => log.error({ err: e }, 'could not record failed digest run'),
      );
    }
  }

  /** The first digest covers what was ingested after the subscription was created. */
  private contentFloor(sub: Subscription): Date | null {
    return firstDigestFloor(sub);
  }

  private async record(run: Parameters<Store['recordDigestRun']>[0]): Promise<void> {
    await this.store.recordDigestRun(run);
    this.outcomes.push({
      subscriptionId: run.subscriptionId,
      slot: run.slot,
      status: run.status,
      attempts: run.attempts,
      ...(run.error ? { error: run.error } : {}),
    });
  }

  private async postWithRetry(sub: Subscription, reply: Reply): Promise<{ attempts: number; error?: string }> {
    const poster = this.posters.get(sub.platform);
    if (!poster) return { attempts: 0, error: `no ${sub.platform} connection in this process` };
    let lastError = 'unknown error';
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        await this.inLane(sub.platform, () => poster.post(sub.channelId, reply));
        return { attempts: attempt };
      } catch (err) {
        if (err === STOPPED) {
          return { attempts: attempt - 1, error: attempt === 1 ? 'factbot stopped before the digest could be posted' : `${lastError} (stopped before retrying)` };
        }
        const retryable = err instanceof PostError ? err.retryable : true;
        lastError = err instanceof Error ? err.message : String(err);
        const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        const retryAfter = err instanceof PostError && err.retryAfterMs ? Math.min(err.retryAfterMs, this.retry.maxRetryAfterMs) : 0;
        if (retryAfter > 0) this.pause(sub.platform, retryAfter);
        if (!retryable || attempt === this.retry.attempts || this.stopped) return { attempts: attempt, error: lastError };
        await this.sleep(Math.max(backoff, retryAfter));
        if (this.stopped) return { attempts: attempt, error: `${lastError} (stopped before retrying)` };
      }
    }
    return { attempts: this.retry.attempts, error: lastError };
  }

  private lane(platform: Platform): { tail: Promise<void>; queued: number; pausedUntil: number } {
    let lane = this.lanes.get(platform);
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: 0, pausedUntil: 0 };
      this.lanes.set(platform, lane);
    }
    return lane;
  }

  /** Nothing more goes to this platform until its Retry-After has passed. */
  private pause(platform: Platform, ms: number): void {
    const lane = this.lane(platform);
    lane.pausedUntil = Math.max(lane.pausedUntil, this.clock.now().getTime() + ms);
  }

  /**
   * Runs one post in the platform's lane: after the posts queued before it, and after any pause
   * the platform asked for. Throws STOPPED when the scheduler stops while it waits.
   */
  private async inLane<T>(platform: Platform, post: () => Promise<T>): Promise<T> {
    const lane = this.lane(platform);
    const previous = lane.tail;
    const mustQueue = lane.queued > 0;
    lane.queued++;
    let release!: () => void;
    lane.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      if (mustQueue) await this.queueBehind(previous);
      const wait = lane.pausedUntil - this.clock.now().getTime();
      if (wait > 0 && !this.stopped) await this.sleep(wait);
      if (this.stopped) throw STOPPED;
      return await post();
    } finally {
      lane.queued--;
      release();
    }
  }

  /**
   * Waits for the posts ahead in a lane. Meanwhile this work does not count as active (the one
   * ahead may be waiting on the clock, as sleep() does), and it counts again, synchronously, as
   * soon as its turn comes, before the one ahead can finish and leave.
   */
  private queueBehind(previous: Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      void previous.then(() => {
        this.activity.enter();
        resolve();
      });
      this.activity.leave();
    });
  }

  /** Waits on the clock; meanwhile this work does not count as active (see Activity.idle). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        cancel();
        this.sleepers.delete(finish);
        // Re-enter synchronously, before the awaiting code resumes, so idle() cannot slip in between.
        this.activity.enter();
        resolve();
      };
      const cancel = this.clock.setTimer(finish, ms);
      this.sleepers.add(finish);
      this.activity.leave();
    });
  }
}
