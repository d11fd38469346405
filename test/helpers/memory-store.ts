import type { Article } from '../../src/domain/article.js';
import type { Statement, StoredStatement } from '../../src/domain/statement.js';
import type {
  ChangeBatch,
  ClusterMember,
  DigestRun,
  DigestRunResult,
  NewSubscription,
  SpeakerInfo,
  Store,
  StoredArticleInfo,
  Subscription,
  UpsertResult,
} from '../../src/store/types.js';

/**
 * A small in-memory Store for the corpus's own unit tests (change feed, clusters): the real
 * store is tested by its owner; this one lets the corpus be tested on exact, hand-made states.
 * Quotes cluster when their words are equal after folding case and punctuation.
 */
export function quoteKey(q: string | null): string | null {
  if (!q) return null;
  const k = q.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return k.split(' ').length >= 4 ? k : null;
}

interface Row {
  article: Article;
  info: StoredArticleInfo;
  statements: StoredStatement[];
}

export function memoryStore(): Store & { changes: number } {
  const rows = new Map<string, Row>();
  const log: Array<{ seq: number; upserted: string[]; removed: string[] }> = [];
  const listeners = new Set<(seq: number) => void>();
  let seq = 0;
  let ingestClock = Date.parse('2026-01-01T00:00:00Z');
  const subs: Subscription[] = [];
  const runs: DigestRun[] = [];
  const claims = new Set<string>();
  const eventClaims = new Set<string>();
  const interactionStates = new Map<string, { state: unknown; expires: number }>();

  const allStatements = () => [...rows.values()].flatMap((r) => r.statements);
  const byId = () => new Map(allStatements().map((s) => [s.id, s]));

  function recluster(): Map<string, number> {
    const groups = new Map<string, StoredStatement[]>();
    for (const s of allStatements()) {
      const k = quoteKey(s.quote);
      if (!k) continue;
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    const before = new Map(allStatements().map((s) => [s.id, s.clusterId]));
    for (const s of allStatements()) s.clusterId = s.id;
    for (const members of groups.values()) {
      const arts = new Set(members.map((m) => m.articleId));
      if (arts.size < 2) continue;
      const first = [...members].sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt) || a.id.localeCompare(b.id))[0]!;
      for (const m of members) m.clusterId = first.id;
    }
    const sizes = new Map<string, number>();
    for (const s of allStatements()) {
      if (before.get(s.id) !== s.clusterId || s.clusterId !== s.id) {
        sizes.set(s.clusterId, new Set(allStatements().filter((x) => x.clusterId === s.clusterId).map((x) => x.articleId)).size);
      }
    }
    return sizes;
  }

  function bump(upserted: string[], removed: string[]): number {
    seq++;
    log.push({ seq, upserted, removed });
    for (const l of listeners) queueMicrotask(() => l(seq));
    return seq;
  }

  const store: Store & { changes: number } = {
    engine: 'pglite',
    get changes() {
      return seq;
    },
    async upsertArticle(article: Article, statements: Statement[]): Promise<UpsertResult> {
      const old = rows.get(article.id);
      if (old && old.article.contentHash === article.contentHash) {
        return { articleId: article.id, status: 'unchanged', statements: old.statements.length, seq };
      }
      const ingestedAt = new Date((ingestClock += 1000)).toISOString();
      const stored: StoredStatement[] = statements.map((s, i) => ({
        ...s,
        id: `${article.id}:${i}`,
        articleId: article.id,
        ordinal: i,
        clusterId: `${article.id}:${i}`,
        ingestedAt,
      }));
      rows.set(article.id, {
        article,
        statements: stored,
        info: {
          id: article.id,
          title: article.title,
          outlet: article.outlet,
          url: article.url,
          published: article.published,
          source: article.source,
          ingestedAt,
          statements: stored.length,
        },
      });
      recluster();
      const removed = (old?.statements ?? []).map((s) => s.id).filter((id) => !stored.some((s) => s.id === id));
      const s = bump(
        allStatements().map((x) => x.id),
        removed,
      );
      return { articleId: article.id, status: old ? 'updated' : 'added', statements: stored.length, seq: s };
    },
    async deleteArticle(id) {
      const old = rows.get(id);
      if (!old) return false;
      rows.delete(id);
      recluster();
      bump(allStatements().map((x) => x.id), old.statements.map((s) => s.id));
      return true;
    },
    async getArticle(id) {
      return rows.get(id)?.article ?? null;
    },
    async listArticles(opts = {}) {
      let infos = [...rows.values()].map((r) => r.info).sort((a, b) => b.ingestedAt.localeCompare(a.ingestedAt));
      if (opts.since) infos = infos.filter((i) => Date.parse(i.ingestedAt) > opts.since!.getTime());
      return opts.limit ? infos.slice(0, opts.limit) : infos;
    },
    async countArticles() {
      return rows.size;
    },
    async countStatements() {
      return allStatements().length;
    },
    async getStatements(articleId) {
      return rows.get(articleId)?.statements ?? [];
    },
    async getStatementsByIds(ids) {
      const m = byId();
      return ids.map((id) => m.get(id)).filter((s): s is StoredStatement => Boolean(s));
    },
    async *iterateStatements(batchSize = 500) {
      const all = allStatements();
      for (let i = 0; i < all.length; i += batchSize) yield all.slice(i, i + batchSize);
    },
    async getCluster(clusterId): Promise<ClusterMember[]> {
      const seen = new Set<string>();
      return allStatements()
        .filter((s) => s.clusterId === clusterId)
        .sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt))
        .filter((s) => (seen.has(s.articleId) ? false : (seen.add(s.articleId), true)))
        .map((s) => {
          const info = rows.get(s.articleId)!.info;
          return { statementId: s.id, articleId: s.articleId, speaker: s.speaker, outlet: info.outlet, published: info.published, ingestedAt: info.ingestedAt };
        });
    },
    async clusterSizes() {
      const m = new Map<string, Set<string>>();
      for (const s of allStatements()) m.set(s.clusterId, (m.get(s.clusterId) ?? new Set()).add(s.articleId));
      return new Map([...m].filter(([, v]) => v.size > 1).map(([k, v]) => [k, v.size]));
    },
    async speakers(): Promise<SpeakerInfo[]> {
      const m = new Map<string, SpeakerInfo>();
      for (const s of allStatements()) {
        if (!s.speaker) continue;
        const cur = m.get(s.speaker) ?? { name: s.speaker, aliases: [], statements: 0 };
        cur.statements++;
        if (s.speakerMention && s.speakerMention !== s.speaker && /^[A-Z]/.test(s.speakerMention) && !cur.aliases.includes(s.speakerMention)) {
          cur.aliases.push(s.speakerMention);
        }
        m.set(s.speaker, cur);
      }
      return [...m.values()];
    },
    async speakersWithRole(role: string, limit: number) {
      const m = new Map<string, { name: string; role: string; statements: number }>();
      for (const s of allStatements()) {
        const r = s.speakerRole?.toLowerCase();
        if (!s.speaker || !r || !` ${r} `.includes(` ${role} `)) continue;
        const cur = m.get(s.speaker) ?? { name: s.speaker, role: s.speakerRole!, statements: 0 };
        cur.statements++;
        m.set(s.speaker, cur);
      }
      return [...m.values()].sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name)).slice(0, limit);
    },
    async changesSince(since): Promise<ChangeBatch> {
      const entries = log.filter((e) => e.seq > since);
      if (!entries.length) return { seq: Math.max(since, seq), upserted: [], removed: [], clusterSizes: new Map() };
      const m = byId();
      const upIds = new Set(entries.flatMap((e) => e.upserted));
      const removed = [...new Set(entries.flatMap((e) => e.removed))].filter((id) => !m.has(id));
      const upserted = [...upIds].map((id) => m.get(id)).filter((s): s is StoredStatement => Boolean(s));
      return { seq, upserted, removed, clusterSizes: await store.clusterSizes() };
    },
    async currentSeq() {
      return seq;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async addSubscription(sub: NewSubscription) {
      const s: Subscription = {
        id: subs.length + 1,
        platform: sub.platform,
        channelId: sub.channelId,
        teamId: sub.teamId ?? null,
        cron: sub.cron,
        schedule: sub.schedule,
        timezone: sub.timezone,
        createdBy: sub.createdBy,
        fromConfig: sub.fromConfig ?? false,
        createdAt: new Date().toISOString(),
      };
      subs.push(s);
      return s;
    },
    async removeSubscription(id) {
      const i = subs.findIndex((s) => s.id === id);
      if (i < 0) return false;
      subs.splice(i, 1);
      return true;
    },
    async listSubscriptions(filter = {}) {
      return subs.filter(
        (s) => (!filter.platform || s.platform === filter.platform) && (!filter.channelId || s.channelId === filter.channelId),
      );
    },
    async claimDigestSlot(id, slot) {
      const k = `${id}@${slot.toISOString()}`;
      if (claims.has(k)) return false;
      claims.add(k);
      return true;
    },
    // No expiry here: tests do not outlive a claim's time to live.
    async claimEvent(key: string) {
      if (eventClaims.has(key)) return false;
      eventClaims.add(key);
      return true;
    },
    // States expire by a real clock here: tests that need expiry use the SQL store's fake clock.
    async saveInteractionState(key: string, state: unknown, ttlMs: number) {
      interactionStates.set(key, { state: JSON.parse(JSON.stringify(state)) as unknown, expires: Date.now() + ttlMs });
    },
    async loadInteractionState(key: string) {
      const entry = interactionStates.get(key);
      return entry && entry.expires > Date.now() ? entry.state : undefined;
    },
    async recordDigestRun(run: DigestRunResult) {
      runs.push({ ...run, finishedAt: new Date().toISOString() });
    },
    async lastDigestRun(id, opts = {}) {
      const r = runs.filter((x) => x.subscriptionId === id && (!opts.postedOnly || x.status === 'posted'));
      return r[r.length - 1] ?? null;
    },
    async close() {
      listeners.clear();
    },
  };
  return store;
}
