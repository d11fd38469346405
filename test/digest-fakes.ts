import type { Article } from '../src/domain/article.js';
import type { Platform } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import type { StoredStatement } from '../src/domain/statement.js';
import type { Corpus } from '../src/corpus/types.js';
import type { ChannelPoster } from '../src/platforms/types.js';
import type {
  DigestRun,
  DigestRunResult,
  NewSubscription,
  StoredArticleInfo,
  Store,
  Subscription,
} from '../src/store/types.js';
import type { BotServices } from '../src/dispatch/index.js';
import type { DigestRuntime } from '../src/digest/index.js';
import type { ManualClock } from '../src/digest/clock.js';
import { digest } from '../commands/digest.js';

/**
 * Small in-memory stand-ins for the digest tests that do not need a database: the subscription
 * and digest-run part of the Store, and the few Corpus calls a digest makes. Times the store
 * stamps (creation, ingest) come from the real clock, as a database's would.
 */
export class FakeDigestStore {
  readonly engine = 'pglite' as const;
  private subs: Subscription[] = [];
  private claims = new Set<string>();
  private runs: DigestRun[] = [];
  private articles: StoredArticleInfo[] = [];
  private statements = new Map<string, StoredStatement[]>();
  private nextId = 1;

  async addSubscription(s: NewSubscription): Promise<Subscription> {
    const sub: Subscription = {
      id: this.nextId++,
      platform: s.platform,
      channelId: s.channelId,
      teamId: s.teamId ?? null,
      cron: s.cron,
      schedule: s.schedule,
      timezone: s.timezone,
      createdBy: s.createdBy,
      fromConfig: s.fromConfig ?? false,
      createdAt: new Date().toISOString(),
    };
    this.subs.push(sub);
    return { ...sub };
  }

  async removeSubscription(id: number): Promise<boolean> {
    const before = this.subs.length;
    this.subs = this.subs.filter((s) => s.id !== id);
    return this.subs.length < before;
  }

  async listSubscriptions(filter?: { platform?: Platform; channelId?: string }): Promise<Subscription[]> {
    return this.subs
      .filter((s) => (!filter?.platform || s.platform === filter.platform) && (!filter?.channelId || s.channelId === filter.channelId))
      .map((s) => ({ ...s }));
  }

  async claimDigestSlot(subscriptionId: number, slot: Date): Promise<boolean> {
    const key = `${subscriptionId}@${slot.toISOString()}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async recordDigestRun(run: DigestRunResult): Promise<void> {
    this.runs.push({ ...run, finishedAt: new Date().toISOString() });
  }

  async lastDigestRun(subscriptionId: number, opts?: { postedOnly?: boolean }): Promise<DigestRun | null> {
    const mine = this.runs
      .filter((r) => r.subscriptionId === subscriptionId && (!opts?.postedOnly || r.status === 'posted'))
      .sort((a, b) => a.slot.getTime() - b.slot.getTime());
    return mine[mine.length - 1] ?? null;
  }

  allRuns(): DigestRun[] {
    return [...this.runs];
  }

  /** Adds an article with quotes, ingested now (real time), as an ingest would. */
  addArticle(a: Pick<Article, 'id' | 'title' | 'outlet'>, quotes: Array<{ quote: string; speaker: string; cluster?: string }>): void {
    const ingestedAt = new Date(Math.max(Date.now(), this.lastIngest + 1)).toISOString();
    this.lastIngest = Date.parse(ingestedAt);
    this.articles.push({
      id: a.id,
      title: a.title,
      outlet: a.outlet,
      url: `https://news.test/${a.id}`,
      published: '2026-03-01',
      source: `${a.id}.md`,
      ingestedAt,
      statements: quotes.length,
    });
    this.statements.set(
      a.id,
      quotes.map((q, i) => ({
        id: `${a.id}:${i}`,
        articleId: a.id,
        ordinal: i,
        clusterId: q.cluster ?? `${a.id}:${i}`,
        ingestedAt,
        text: `“${q.quote},” ${q.speaker} said.`,
        kind: 'direct',
        quote: q.quote,
        speaker: q.speaker,
        speakerMention: q.speaker,
        speakerRole: null,
        outlet: null,
        cue: 'said',
        start: 0,
        end: 10,
        paragraph: i,
      })),
    );
  }
  private lastIngest = 0;

  async listArticles(opts?: { since?: Date; limit?: number }): Promise<StoredArticleInfo[]> {
    return this.articles
      .filter((a) => !opts?.since || Date.parse(a.ingestedAt) > opts.since.getTime())
      .sort((a, b) => b.ingestedAt.localeCompare(a.ingestedAt))
      .slice(0, opts?.limit ?? Infinity);
  }

  async getStatements(articleId: string): Promise<StoredStatement[]> {
    return this.statements.get(articleId) ?? [];
  }

  async clusterSizes(): Promise<Map<string, number>> {
    const sizes = new Map<string, Set<string>>();
    for (const list of this.statements.values()) {
      for (const s of list) sizes.set(s.clusterId, (sizes.get(s.clusterId) ?? new Set()).add(s.articleId));
    }
    return new Map([...sizes].filter(([, v]) => v.size > 1).map(([k, v]) => [k, v.size]));
  }

  async close(): Promise<void> {}

  asStore(): Store {
    return this as unknown as Store;
  }

  /** The Corpus calls digests make, answered from this store. */
  asCorpus(): Corpus {
    const corpus: Partial<Corpus> = {
      articlesSince: (since, limit) => this.listArticles({ since: since ?? undefined, limit }),
      speakers: async () => {
        const counts = new Map<string, number>();
        for (const list of this.statements.values()) for (const s of list) if (s.speaker) counts.set(s.speaker, (counts.get(s.speaker) ?? 0) + 1);
        return [...counts].map(([name, statements]) => ({ name, aliases: [], statements }));
      },
      corroboration: async (statement) => {
        const members = [...this.statements.values()].flat().filter((s) => s.clusterId === statement.clusterId);
        const outlets = [...new Set(members.map((m) => this.articles.find((a) => a.id === m.articleId)?.outlet ?? null).filter((o): o is string => !!o))];
        return { articles: new Set(members.map((m) => m.articleId)).size, outlets, firstOutlet: outlets[0] ?? null };
      },
    };
    return corpus as Corpus;
  }
}

export interface Post {
  channelId: string;
  reply: Reply;
  at: Date;
}

/** A ChannelPoster that records what it posts, and can be told to fail first. */
export class RecordingPoster implements ChannelPoster {
  readonly posts: Post[] = [];
  readonly attempts: Date[] = [];
  /** Thrown, in order, by the next calls to post(). */
  failures: Error[] = [];

  constructor(
    readonly platform: Platform,
    private readonly clock: { now(): Date },
  ) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    this.attempts.push(this.clock.now());
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posts.push({ channelId, reply, at: this.clock.now() });
  }
}

export function servicesFor(store: Store, corpus: Corpus, clock: ManualClock, extra: Partial<BotServices> = {}): BotServices {
  return {
    commands: [digest],
    corpus,
    store,
    now: () => clock.now(),
    timezone: 'Europe/Berlin',
    digestAdmins: [],
    ...extra,
  };
}

/**
 * Moves a manual clock to `to`, firing the timers on the way and letting every scheduler finish
 * the work each one started before the next fires.
 */
export async function advanceTo(clock: ManualClock, runtimes: ReadonlyArray<Pick<DigestRuntime, 'idle'>>, to: Date | string): Promise<void> {
  const target = new Date(to);
  const settle = async () => {
    // A finished slot can arm a timer that is already due; settle until nothing is running.
    for (let i = 0; i < 3; i++) {
      await Promise.all(runtimes.map((r) => r.idle()));
      await new Promise((r) => setImmediate(r));
    }
  };
  await settle();
  while (clock.fireNext(target)) await settle();
  if (clock.now() < target) clock.set(target);
  await settle();
}
