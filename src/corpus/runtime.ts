import type { Article, ArticleRef } from '../domain/article.js';
import { articleRef } from '../domain/article.js';
import type { Corroboration } from '../domain/reply.js';
import { roleAfterName, type Statement, type StoredStatement } from '../domain/statement.js';
import type { IndexedStatement, SearchFilters, SearchHit, SearchIndex, SearchOptions, SearchQuery } from '../search/types.js';
import type { Range } from '../domain/reply.js';
import { contentWords, coverage, stem } from './coverage.js';
import { stemSet, type WordStats } from './claim-match.js';
import type { ClusterMember, SpeakerInfo, Store, StoredArticleInfo } from '../store/types.js';
import type { LoadResult } from '../ingest/types.js';
import type { Corpus, IngestReport, SearchPage, SearchResult } from './types.js';
import { closeSpeakerNames, isGroupOf, resolveSpeakerName } from './speakers.js';
import { rankResults } from '../search/index.js';
import { byWordCoverage, dropRepeats, preferAttributed } from './group.js';
import { log } from '../log.js';
import { memoryManifest, planVanished, type DataFileManifest } from './data-files.js';

/**
 * The corpus facade: the store is the truth, the search index a derived copy kept in step with
 * the store's change feed (this process's writes and, on PostgreSQL, other processes' too).
 * Everything heavy (search, ranking) happens on index documents; full statements are fetched
 * from the store only for the page being shown.
 */

/**
 * What the corpus counts over every statement (the start-up summary's quotes, /sources' word
 * rarity), saved with the index: counting a million statements from the store takes minutes,
 * reading the counts back a fraction of a second.
 */
export interface CorpusCounts {
  /** Statements with quoted words (direct or mixed). */
  quotes: number;
  /** Statements per content-word stem. */
  words: Map<string, number>;
}

export interface IndexPersistence {
  /**
   * The saved index and the change-feed sequence it reflects, or null when there is none usable;
   * `counts` when they were saved with it, at the same sequence.
   */
  load(): Promise<{ index: SearchIndex; seq: number; counts?: CorpusCounts } | null>;
  save(index: SearchIndex, seq: number, counts: CorpusCounts | null): Promise<void>;
}

export interface CorpusDeps {
  store: Store;
  createIndex(): SearchIndex;
  parseQuery(text: string): SearchQuery;
  /** Synchronous in tests; the bot's runs on a worker thread (src/extract/off-thread.ts). */
  extract(article: Article): Statement[] | Promise<Statement[]>;
  load(sources: readonly string[]): Promise<LoadResult>;
  loadDir(dir: string): Promise<LoadResult>;
  persistence?: IndexPersistence;
  /** Releases what `extract` holds (its worker) when the corpus closes. */
  closeExtract?(): Promise<void>;
  /** How many raw hits to rank before grouping and paging. */
  candidates?: number;
  /** Which article each data-folder file gave at the last sync (default: kept in memory). */
  dataFiles?: DataFileManifest;
}

export interface SyncReport extends IngestReport {
  /** Articles removed because their file left the folder (or was renamed and then changed). */
  removed: number;
  articles: number;
  quotes: number;
  speakers: number;
}

/** Enough hits that grouping by cluster still leaves several pages. */
const DEFAULT_CANDIDATES = 200;

export class CorpusRuntime implements Corpus {
  readonly store: Store;
  private index: SearchIndex;
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  /** The sync pass queued but not started, which later callers can share. */
  private waiting: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private closed = false;
  private articles = new Map<string, ArticleRef>();
  private clusterSizeMap = new Map<string, number>();
  private corroborations = new Map<string, Corroboration>();
  private speakerList: SpeakerInfo[] | null = null;
  /** Statements with quoted words (direct or mixed), for the start-up summary. */
  private quoteCount = 0;
  /** Statements per content-word stem, for weighing a claim's words by rarity (/sources). */
  private wordCounts = new Map<string, number>();
  /**
   * Whether quoteCount and wordCounts cover every statement. A restored index comes with the
   * counts saved with it; without them they are counted once from the store when first needed.
   */
  private countsComplete = false;
  private dataFiles: DataFileManifest | undefined;
  /** Article id → content hash and file (`syncedAs`) of what this process's data-folder syncs stored or found unchanged. */
  private readonly synced = new Map<string, string>();

  private constructor(private readonly deps: CorpusDeps) {
    this.store = deps.store;
    this.index = deps.createIndex();
  }

  static async open(deps: CorpusDeps): Promise<CorpusRuntime> {
    const c = new CorpusRuntime(deps);
    await c.start();
    return c;
  }

  get indexSize(): number {
    return this.index.size;
  }

  get indexedSeq(): number {
    return this.seq;
  }

  private async start(): Promise<void> {
    const current = await this.store.currentSeq();
    const saved = await this.deps.persistence?.load().catch((err: unknown) => {
      log.warn({ err }, 'saved search index unusable; rebuilding');
      return null;
    });
    const restored = Boolean(saved && saved.seq <= current);
    if (saved && restored) {
      this.index = saved.index;
      this.seq = saved.seq;
      this.countsComplete = Boolean(saved.counts);
      if (saved.counts) {
        this.quoteCount = saved.counts.quotes;
        this.wordCounts = saved.counts.words;
      }
    } else {
      await this.rebuild();
    }
    this.clusterSizeMap = await this.store.clusterSizes();
    // Follow the feed before the first pass, so no change falls between the two.
    this.unsubscribe = this.store.onChange(() => {
      void this.sync();
    });
    await this.sync();
    // A saved index from another database (DATA_DIR or DATABASE_URL changed) can have a plausible
    // sequence; the statement count gives it away. Rebuilt inside the sync queue: no pass runs meanwhile.
    if (restored && this.index.size !== (await this.store.countStatements())) {
      log.warn('saved search index does not match the store; rebuilding');
      this.queue = this.queue
        .then(async () => {
          await this.rebuild();
          this.clusterSizeMap = await this.store.clusterSizes();
          await this.applyChanges();
        })
        .catch((err: unknown) => log.error({ err }, 'rebuilding the search index failed'));
      await this.queue;
    }
  }

  /** Builds the index from every stored statement (first start, or a saved index that is ahead of the store). */
  private async rebuild(): Promise<void> {
    this.index = this.deps.createIndex();
    this.quoteCount = 0;
    this.wordCounts = new Map();
    this.countsComplete = true;
    // Read the sequence first: changes made while we iterate are applied again by sync(), harmlessly.
    this.seq = await this.store.currentSeq();
    await this.loadArticleRefs();
    const aliases = await this.aliasMap(true);
    for await (const batch of this.store.iterateStatements(1000)) {
      const docs = await this.toIndexed(batch, aliases);
      this.index.add(docs);
      this.trackQuotes(docs);
    }
  }

  private trackQuotes(docs: readonly IndexedStatement[]): void {
    if (!this.countsComplete) return;
    for (const d of docs) {
      if (isQuote(d.kind)) this.quoteCount++;
      this.countWords(d.text, 1);
    }
  }

  /** Forgets statements about to leave the index (call before index.remove). */
  private untrack(ids: readonly string[]): void {
    if (!this.countsComplete) return;
    for (const id of ids) {
      const doc = this.index.get(id);
      if (!doc) continue;
      if (isQuote(doc.kind)) this.quoteCount--;
      this.countWords(doc.text, -1);
    }
  }

  private countWords(text: string, delta: number): void {
    for (const stem of stemSet(text)) {
      const n = (this.wordCounts.get(stem) ?? 0) + delta;
      if (n > 0) this.wordCounts.set(stem, n);
      else this.wordCounts.delete(stem);
    }
  }

  /** Counts quotes and words over the whole store; inside the sync queue, so no pass interleaves. */
  private completeCounts(): Promise<void> {
    if (this.countsComplete) return this.queue;
    const run = this.queue.then(async () => {
      if (this.countsComplete) return;
      let quotes = 0;
      const counts = new Map<string, number>();
      for await (const batch of this.store.iterateStatements(1000)) {
        for (const s of batch) {
          if (isQuote(s.kind)) quotes++;
          for (const stem of stemSet(s.text)) counts.set(stem, (counts.get(stem) ?? 0) + 1);
        }
      }
      this.quoteCount = quotes;
      this.wordCounts = counts;
      this.countsComplete = true;
    });
    this.queue = run.catch((err: unknown) => log.error({ err }, 'counting the corpus failed'));
    return this.queue;
  }

  /** How many statements contain each word (by stem), for weighing claim words. */
  async wordStats(): Promise<WordStats> {
    await this.completeCounts();
    await this.queue;
    return { statements: this.index.size, counts: this.wordCounts };
  }

  private async loadArticleRefs(): Promise<void> {
    const infos = await this.store.listArticles();
    for (const a of infos) this.articles.set(a.id, infoRef(a));
  }

  private async aliasMap(refresh: boolean): Promise<Map<string, readonly string[]>> {
    if (refresh || !this.speakerList) this.speakerList = await this.store.speakers();
    return new Map(this.speakerList.map((s) => [s.name, s.aliases]));
  }

  private async toIndexed(
    statements: readonly StoredStatement[],
    aliases: Map<string, readonly string[]>,
  ): Promise<IndexedStatement[]> {
    const docs: IndexedStatement[] = [];
    for (const s of statements) {
      const art = await this.article(s.articleId);
      docs.push({
        id: s.id,
        articleId: s.articleId,
        clusterId: s.clusterId,
        kind: s.kind,
        quote: s.quote,
        text: s.text,
        speaker: s.speaker,
        speakerAliases: s.speaker ? (aliases.get(s.speaker) ?? []) : [],
        outlet: s.outlet,
        articleTitle: art?.title ?? '',
        articleOutlet: art?.outlet ?? null,
      });
    }
    return docs;
  }

  /**
   * Applies the change feed to the index. Serialised: concurrent callers wait for one pass, and
   * the index never sees a batch twice out of order.
   */
  sync(): Promise<void> {
    // A pass that has not started yet will see every change made so far: join it. A bulk ingest
    // notifies once per article; this keeps it to a pass at a time, not one per notification.
    if (this.waiting) return this.waiting;
    const run = this.queue.then(() => {
      this.waiting = null;
      return this.applyChanges();
    });
    this.queue = run.catch((err: unknown) => {
      log.error({ err }, 'search index sync failed; will retry on the next change');
    });
    this.waiting = this.queue;
    return this.queue;
  }

  private async applyChanges(): Promise<void> {
    if (this.closed) return;
    for (let round = 0; round < 100; round++) {
      const batch = await this.store.changesSince(this.seq);
      if (batch.seq === this.seq && !batch.upserted.length && !batch.removed.length) return;
      if (batch.removed.length) {
        this.untrack(batch.removed);
        this.index.remove(batch.removed);
      }
      if (batch.upserted.length) {
        for (const id of new Set(batch.upserted.map((s) => s.articleId))) {
          const a = await this.store.getArticle(id);
          if (a) this.articles.set(id, articleRef(a));
        }
        const aliases = await this.aliasMap(true);
        const docs = await this.toIndexed(batch.upserted, aliases);
        this.untrack(docs.map((d) => d.id));
        this.index.remove(docs.map((d) => d.id));
        this.index.add(docs);
        this.trackQuotes(docs);
      }
      for (const [cluster, size] of batch.clusterSizes) {
        if (size > 1) this.clusterSizeMap.set(cluster, size);
        else this.clusterSizeMap.delete(cluster);
      }
      this.corroborations.clear();
      // Upserts refreshed the speaker list above (aliasMap); a removal alone may have emptied one.
      if (!batch.upserted.length && batch.removed.length) this.speakerList = null;
      const advanced = batch.seq !== this.seq;
      this.seq = batch.seq;
      if (!advanced) return;
    }
  }

  // ---- Corpus ----

  async search(
    query: string | SearchQuery,
    opts: { offset?: number; limit: number; filters?: SearchFilters },
  ): Promise<SearchPage> {
    await this.queue;
    const parsed: SearchQuery =
      typeof query === 'string' ? this.deps.parseQuery(query) : { ...query, notices: [...query.notices] };
    const q: SearchQuery = { ...parsed, filters: { ...parsed.filters, ...dropUndefined(opts.filters ?? {}) } };
    const offset = Math.max(0, opts.offset ?? 0);
    const limit = Math.max(0, opts.limit);
    const hasFilter = Object.values(q.filters).some((v) => v !== undefined && v !== '');
    if (!q.text.trim() && !q.phrases.length && !hasFilter) return { query: q, results: [], total: 0, offset };

    const candidates = Math.max(this.deps.candidates ?? DEFAULT_CANDIDATES, offset + limit);
    // The candidates are reordered by word coverage and grouped by quote, so only the first
    // pages' worth must be the index's exact best; the rest is the best it looked at.
    const prove = Math.min(candidates, 2 * (offset + limit));
    const groups = await this.groupsOf(q.filters.speaker);
    let hits = this.indexSearch(q, { limit: candidates, prove }, groups);
    // Fewer than this page and the next, or fewer than this page that have every word asked
    // about: worth looking word by word. (Fuzzy matching scores the query as one string, so
    // "the president revealed" misses "President Donald Trump revealed …", and a page of near
    // misses used to hide it whatever came after.)
    if (
      new Set(hits.map((h) => this.index.get(h.id)?.clusterId)).size < offset + 2 * limit ||
      this.fullyCovered(q, hits, offset + limit) < offset + limit
    ) {
      hits = this.widenByWords(q, hits, { limit: candidates, prove }, offset + limit, groups);
    }
    const grouped = byWordCoverage(
      dropRepeats(
        preferAttributed(
          rankResults(hits, {
            statement: (id) => this.index.get(id),
            clusterSize: (cluster) => this.clusterSizeMap.get(cluster) ?? 1,
          }),
          (id) => this.index.get(id),
        ),
        (id) => this.index.get(id),
      ),
      [q.text, ...q.phrases].join(' '),
      // With a speaker named, their statements in articles about the topic are answers too.
      { dropUncovered: !q.filters.speaker },
    );
    if (grouped.length === 0 && q.phrases.length > 0) {
      // A quote pasted from memory or from another outlet's version ("I get good intel") is rarely
      // word for word what any article has: nothing at all is the least useful answer, so the
      // words are looked up loosely, and the answer says the phrase itself was not found.
      const loose = await this.search({ ...q, text: [q.text, ...q.phrases].join(' '), phrases: [], notices: [] }, { offset, limit });
      if (loose.results.length > 0) {
        const notice = `No statement has ${q.phrases.map((p) => `“${p}”`).join(' or ')} word for word; these have the words, not necessarily in that order.`;
        return { ...loose, query: { ...loose.query, notices: [...q.notices, notice, ...loose.query.notices] } };
      }
    }
    const slice = grouped.slice(offset, offset + limit);
    const stored = await this.store.getStatementsByIds(slice.map((g) => g.hit.id));
    const byId = new Map(stored.map((s) => [s.id, s]));
    // The clusters of the page's statements in one query, not one per result (/sources reads
    // pages of 40): each may hold syndicated copies to name.
    const clusters = await this.clustersOf(stored);
    const results: SearchResult[] = [];
    for (const g of slice) {
      const statement = byId.get(g.hit.id);
      if (!statement) continue; // removed since the index saw it; the next sync drops it
      const article = (await this.article(statement.articleId)) ?? missingArticle(statement.articleId);
      results.push({
        statement,
        article,
        score: g.hit.score,
        highlights: g.hit.highlights,
        corroboration: await this.corroborationWith(statement, clusters.get(statement.clusterId)),
      });
    }
    const unknownOutlet = grouped.length === 0 ? this.unknownOutlet(q) : undefined;
    if (unknownOutlet) q.notices.push(unknownOutletNotice(unknownOutlet));
    return { query: q, results, total: grouped.length, offset, ...(unknownOutlet ? { unknownOutlet } : {}) };
  }

  /**
   * An `outlet:` filter that selects no statement at all (not merely none matching the words):
   * the outlet is not in the corpus. Close outlet names (outlets statements were told to or
   * published by) come with it, as an unknown speaker's do. Only asked when nothing matched.
   */
  private unknownOutlet(q: SearchQuery): { name: string; close: string[] } | undefined {
    const name = q.filters.outlet?.trim();
    if (!name) return undefined;
    const any = this.index.search({ text: '', phrases: [], filters: { outlet: name }, notices: [] }, { limit: 1 });
    if (any.length) return undefined;
    const known = this.index.outletNames?.() ?? [...this.articles.values()].map((a) => a.outlet ?? '');
    const seen = new Set<string>();
    const outlets: SpeakerInfo[] = [];
    for (const outlet of known) {
      const key = outlet.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      outlets.push({ name: outlet, aliases: [], statements: 1 });
    }
    // Only names that still select statements (the index may remember outlets of removed ones).
    const close = closeSpeakerNames(name, outlets, 10)
      .filter((o) => this.index.search({ text: '', phrases: [], filters: { outlet: o }, notices: [] }, { limit: 1 }).length)
      .slice(0, 5);
    return { name, close };
  }

  /**
   * Fuzzy matching follows the query's word order: "Pike fired" misses "the decision to fire
   * Tom Pike". When the whole query finds too little, each content word is searched on its
   * own and statements with at least half of the words join the results, after the whole-query
   * matches.
   */
  /**
   * How many quote clusters among the hits have every content word of the query, counted up to
   * `enough` (on every search: the count stops as soon as the page is filled).
   */
  private fullyCovered(q: SearchQuery, hits: readonly SearchHit[], enough: number): number {
    const clusters = new Set<string>();
    for (const h of hits) {
      if (clusters.size >= enough) break;
      const doc = this.index.get(h.id);
      if (doc && !clusters.has(doc.clusterId) && coverage(q.text, `${doc.text} ${doc.quote ?? ''}`) >= 1) clusters.add(doc.clusterId);
    }
    return clusters.size;
  }

  private widenByWords(q: SearchQuery, hits: SearchHit[], candidates: SearchOptions, want: number, groups: readonly string[]): SearchHit[] {
    const words = [...new Set(contentWords(q.text))].slice(0, 8);
    if (words.length < 2) return hits;
    const byId = new Map(hits.map((h) => [h.id, h]));
    const extra = new Map<string, SearchHit>();
    const add = (found: readonly SearchHit[]): void => {
      for (const h of found) {
        if (byId.has(h.id)) continue;
        const cur = extra.get(h.id);
        extra.set(h.id, cur ? { ...cur, highlights: mergeRanges([...cur.highlights, ...h.highlights]) } : h);
      }
    };
    // Statements with every word (by its stem, as exact substrings: "revealed" → "reveal"): one
    // word at a time, the few statements that have them all can sit below a limit of statements
    // that have only the commoner one.
    const stems = [...new Set(words.map(stem).filter((s) => s.length >= 3))].slice(0, 4);
    if (stems.length >= 2) add(this.indexSearch({ ...q, text: '', phrases: stems, notices: [] }, candidates, groups));
    // Word by word only when that did not fill the page: each is a search of the whole corpus.
    const all = [...hits, ...extra.values()];
    if (new Set(all.map((h) => this.index.get(h.id)?.clusterId)).size < 2 * want || this.fullyCovered(q, all, want) < want) {
      for (const w of wordsToSearch(words, contentWordCount(q.text))) add(this.indexSearch({ ...q, text: w, notices: [] }, candidates, groups));
    }
    // Found word by word: ranked after every whole-query match (coverage ordering may lift them).
    const floor = Math.min(0.99, Math.max(0.4, ...hits.map((h) => h.score)) + 0.001);
    for (const h of extra.values()) {
      const doc = this.index.get(h.id);
      if (!doc) continue;
      const c = coverage(q.text, [doc.text, doc.quote ?? '', doc.speaker ?? '', ...doc.speakerAliases, doc.outlet ?? ''].join(' '));
      if (c < 0.5) continue;
      byId.set(h.id, { ...h, score: Math.max(floor, 1 - c * 0.6) });
    }
    return [...byId.values()];
  }

  /**
   * The group speakers the person a `speaker:` filter names belongs to ("Ruth Calder and Bob
   * Quill", "Calder and Quill" for Ruth Calder; the store says who a group's members are): their
   * statements are hers too, jointly. Only for a filter that is a member's name as stored.
   */
  private async groupsOf(speaker: string | undefined): Promise<string[]> {
    if (!speaker?.trim()) return [];
    return (await this.speakers()).filter((s) => isGroupOf(s, speaker)).map((s) => s.name);
  }

  /**
   * The index's hits for `q` and, for each of `groups`, its hits with that group as the speaker
   * filter instead: a member's statements with those of the groups they belong to, best first.
   */
  private indexSearch(q: SearchQuery, opts: SearchOptions, groups: readonly string[]): SearchHit[] {
    const hits = this.index.search(q, opts);
    if (!groups.length) return hits;
    const byId = new Map(hits.map((h) => [h.id, h]));
    for (const group of groups) {
      for (const h of this.index.search({ ...q, filters: { ...q.filters, speaker: group } }, opts)) {
        const cur = byId.get(h.id);
        if (!cur || h.score < cur.score) byId.set(h.id, h);
      }
    }
    return [...byId.values()].sort((a, b) => a.score - b.score).slice(0, opts.limit);
  }

  async suggestSpeakers(partial: string, limit: number): Promise<string[]> {
    await this.queue;
    // Only names that start like, or are a close typo of, what was typed: the index's fuzzy
    // suggestions also offered unrelated names ("tru" → CNN), so they are not used.
    return closeSpeakerNames(partial, await this.speakers(), limit);
  }

  async suggestQuotes(partial: string, limit: number): Promise<Array<{ id: string; quote: string }>> {
    await this.queue;
    if (!partial.trim()) return [];
    // One choice per quote: the same words in several articles (one cluster), or repeated with a
    // different final stop, are one suggestion.
    const seen = new Set<string>();
    const out: Array<{ id: string; quote: string }> = [];
    for (const s of this.index.suggestQuotes(partial, limit * 3)) {
      const cluster = this.index.get(s.id)?.clusterId ?? s.id;
      const words = s.quote.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      if (seen.has(cluster) || seen.has(words)) continue;
      seen.add(cluster);
      seen.add(words);
      out.push(s);
      if (out.length >= limit) break;
    }
    return out;
  }

  async resolveSpeaker(name: string): Promise<string | null> {
    return resolveSpeakerName(name, await this.speakers());
  }

  async speakerByRole(typed: string): Promise<{ name: string; role: string; others: string[] } | null> {
    const role = roleKey(typed);
    if (!role) return null;
    const found = await this.store.speakersWithRole(role, 4);
    const [best, ...others] = found;
    return best ? { name: best.name, role: roleAfterName(best.role) ?? best.role, others: others.map((o) => o.name) } : null;
  }

  async speakers(): Promise<SpeakerInfo[]> {
    if (!this.speakerList) this.speakerList = await this.store.speakers();
    return this.speakerList;
  }

  corroboration(statement: StoredStatement): Promise<Corroboration> {
    return this.corroborationWith(statement, undefined);
  }

  /** Per shown article as well as per cluster and speaker: see corroborationOf. */
  private corroborationKey(statement: StoredStatement): string {
    return `${statement.clusterId}\u0000${statement.speaker ?? ''}\u0000${statement.speakerRole ?? ''}\u0000${statement.articleId}`;
  }

  /** The clusters of `statements` whose corroboration is not cached yet, read in one query when the store can. */
  private async clustersOf(statements: readonly StoredStatement[]): Promise<Map<string, ClusterMember[]>> {
    const wanted = [...new Set(statements.filter((s) => !this.corroborations.has(this.corroborationKey(s))).map((s) => s.clusterId))];
    if (wanted.length < 2 || !this.store.getClusters) return new Map();
    return this.store.getClusters(wanted);
  }

  private async corroborationWith(statement: StoredStatement, cluster: ClusterMember[] | undefined): Promise<Corroboration> {
    const key = this.corroborationKey(statement);
    const cached = this.corroborations.get(key);
    if (cached) return cached;
    const c = await this.corroborationOf(statement, cluster ?? (await this.store.getCluster(statement.clusterId)));
    this.corroborations.set(key, c);
    return c;
  }

  /**
   * `all` is the statement's cluster (getCluster). It is read even for a cluster of one text:
   * that text may be stored several times, one wire story printed by several sites (QA 8, 26),
   * and which copy is shown decides whose outlet is "carried by" and whose is not.
   */
  private async corroborationOf(statement: StoredStatement, all: readonly ClusterMember[]): Promise<Corroboration> {
    const size = this.clusterSizeMap.get(statement.clusterId) ?? 1;
    if (size <= 1) {
      const art = await this.article(statement.articleId);
      const outlet = art?.outlet ?? statement.outlet;
      const outlets: string[] = [];
      addOutlet(outlets, art?.outlet);
      addOutlet(outlets, statement.outlet);
      const carriedBy = carriers(all, statement.articleId, outlets);
      return { articles: 1, outlets, firstOutlet: outlet ?? null, ...(carriedBy.length ? { carriedBy } : {}) };
    }
    const stored = new Map((await this.store.getStatementsByIds(all.map((m) => m.statementId))).map((s) => [s.id, s]));
    // The same words given to someone else are a conflict, not corroboration of this speaker: they
    // are counted apart (an article that names nobody still corroborates the words). One article
    // naming the person and another only describing them by that person's role ("Adaeze
    // Okonkwo-Hale", role "Northmere's mayor"; "Northmere's mayor defended …") is no conflict
    // (QA 8): the description is the role.
    const mine = (m: ClusterMember): boolean =>
      !statement.speaker ||
      !m.speaker ||
      m.speaker === statement.speaker ||
      sameRole(m.speaker, statement.speakerRole) ||
      sameRole(statement.speaker, stored.get(m.statementId)?.speakerRole);
    const members = all.filter(mine);
    // A member's outlets: the article's publisher, and the outlet the words were told to when the
    // article says so ("told Reuters" in a paper's copy, or in wire copy with no publisher): QA 8.
    // The shown article speaks for its text when it is one of a member's copies.
    const toldTo = new Map<string, string | null>();
    for (const [id, s] of stored) toldTo.set(id, s.outlet);
    const publisher = (m: ClusterMember): string | null =>
      m.copies?.find((c) => c.articleId === statement.articleId)?.outlet ?? m.outlet;
    const addOutlets = (list: string[], m: ClusterMember): void => {
      addOutlet(list, publisher(m));
      addOutlet(list, toldTo.get(m.statementId));
    };
    const outlets: string[] = [];
    for (const m of members) addOutlets(outlets, m);
    const others = new Map<string, { articles: Set<string>; outlets: string[] }>();
    for (const m of all) {
      if (mine(m) || !m.speaker) continue;
      const o = others.get(m.speaker) ?? { articles: new Set<string>(), outlets: [] };
      o.articles.add(m.articleId);
      addOutlets(o.outlets, m);
      others.set(m.speaker, o);
    }
    const carriedBy = carriers(members, statement.articleId, outlets);
    return {
      articles: new Set(members.map((m) => m.articleId)).size || 1,
      outlets,
      // "First by" only when every article says when it was published: ingest times say when
      // factbot saw them, not who reported first.
      firstOutlet: members.every((m) => m.published !== null && !Number.isNaN(Date.parse(m.published))) ? (members[0] ? publisher(members[0]) : null) : null,
      ...(others.size
        ? { otherSpeakers: [...others].map(([speaker, o]) => ({ speaker, articles: o.articles.size, outlets: o.outlets })) }
        : {}),
      ...(carriedBy.length ? { carriedBy } : {}),
    };
  }

  async article(id: string): Promise<ArticleRef | null> {
    const hit = this.articles.get(id);
    if (hit) return hit;
    const a = await this.store.getArticle(id);
    if (!a) return null;
    const ref = articleRef(a);
    this.articles.set(id, ref);
    return ref;
  }

  articlesSince(since: Date | null, limit?: number): Promise<StoredArticleInfo[]> {
    return this.store.listArticles({ ...(since ? { since } : {}), ...(limit ? { limit } : {}) });
  }

  async ingest(sources: readonly string[]): Promise<IngestReport> {
    const loaded = await this.deps.load(sources);
    return this.store_(loaded);
  }

  /**
   * Loads every article under `dir` into the store. The first sync of a process extracts every
   * article (a newer extractor's statements reach stored articles that way); later ones, the
   * watcher's reloads, skip the articles this process already stored with the same content and
   * that are still stored: a file dropped into a folder of 2,000 small articles re-extracted and
   * re-checked all of them, 10.8 s from the drop to the answer, now 4.0 s, most of it reading the
   * files (load ~8; QA 9).
   */
  async syncDataDir(dir: string): Promise<SyncReport> {
    const loaded = await this.deps.loadDir(dir);
    const known = await this.alreadySynced(loaded.articles);
    const fresh = known.size ? loaded.articles.filter((a) => !known.has(a.id)) : loaded.articles;
    const report = await this.store_({ articles: fresh, errors: loaded.errors });
    report.unchanged += loaded.articles.length - fresh.length;
    const storeFailed = new Set(report.errors.slice(loaded.errors.length).map((e) => e.source));
    for (const a of fresh) if (!storeFailed.has(a.source)) this.synced.set(a.id, syncedAs(a));
    const removed = await this.removeVanished(loaded, report);
    const [articles, statements, speakers, quotes] = await Promise.all([
      this.store.countArticles(),
      this.store.countStatements(),
      this.speakers(),
      this.countQuotes(),
    ]);
    return { ...report, removed, articles, statements, speakers: speakers.length, quotes };
  }

  /** The loaded articles this process stored before with the same content, and still stored. */
  private async alreadySynced(articles: readonly Article[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (!this.synced.size) return known;
    // One read of the ids: an article deleted meanwhile (another process, a removed file) is stored again.
    const stored = new Set((await this.store.listArticles()).map((a) => a.id));
    for (const a of articles) if (this.synced.get(a.id) === syncedAs(a) && stored.has(a.id)) known.add(a.id);
    return known;
  }

  /**
   * Deletes the articles whose file left the data folder since the last sync (src/corpus/data-files.ts).
   * A sync that loaded no article at all removes nothing: an emptied or unmounted folder is more
   * likely a mistake than a newsroom deleting its whole corpus.
   */
  private async removeVanished(loaded: LoadResult, report: IngestReport): Promise<number> {
    const manifest = (this.dataFiles ??= this.deps.dataFiles ?? memoryManifest());
    const storeFailed = new Set(report.errors.slice(loaded.errors.length).map((e) => e.source));
    const stored = loaded.articles.filter((a) => !storeFailed.has(a.source));
    const previous = (await manifest.load()) ?? new Map<string, string>();
    if (!stored.length && previous.size) {
      log.warn({ files: previous.size }, 'the data folder gave no article; nothing removed from the store');
      return 0;
    }
    const plan = await planVanished(previous, stored);
    let removed = 0;
    for (const id of plan.remove) {
      try {
        this.synced.delete(id);
        if (await this.store.deleteArticle(id)) removed++;
      } catch (err) {
        log.error({ err, articleId: id }, 'could not remove the article of a deleted file');
        // Kept in the list, so the next sync tries again.
        for (const [key, was] of previous) if (was === id && !plan.next.has(key)) plan.next.set(key, id);
      }
    }
    if (removed) {
      log.info({ removed }, 'articles of files no longer in the data folder removed');
      await this.sync();
    }
    await manifest.save(plan.next).catch((err: unknown) => log.warn({ err }, 'could not save the list of data-folder files'));
    return removed;
  }

  private async countQuotes(): Promise<number> {
    await this.completeCounts();
    return this.quoteCount;
  }

  private async store_(loaded: LoadResult): Promise<IngestReport> {
    const report = await storeArticles(this.store, this.deps.extract, loaded);
    await this.sync();
    return report;
  }

  async stats(): Promise<{ articles: number; statements: number; speakers: number }> {
    const [articles, statements, speakers] = await Promise.all([
      this.store.countArticles(),
      this.store.countStatements(),
      this.speakers(),
    ]);
    return { articles, statements, speakers: speakers.length };
  }

  /** Stops following the store and saves the index (when persistence is configured). The store stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.unsubscribe?.();
    await this.queue;
    this.closed = true;
    await this.deps.closeExtract?.();
    if (this.deps.persistence) {
      const counts = this.countsComplete ? { quotes: this.quoteCount, words: this.wordCounts } : null;
      await this.deps.persistence.save(this.index, this.seq, counts).catch((err: unknown) => {
        log.warn({ err }, 'could not save the search index; it will be rebuilt at next start');
      });
    }
  }
}

function isQuote(kind: string): boolean {
  return kind === 'direct' || kind === 'mixed';
}

function infoRef(a: StoredArticleInfo): ArticleRef {
  return { id: a.id, title: a.title, outlet: a.outlet, url: a.url, published: a.published };
}

function missingArticle(id: string): ArticleRef {
  return { id, title: '(article no longer stored)', outlet: null, url: null, published: null };
}

function dropUndefined(f: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  for (const [k, v] of Object.entries(f) as Array<[keyof SearchFilters, string | undefined]>) {
    if (v !== undefined && v !== '') (out as Record<string, string>)[k] = v;
  }
  return out;
}

/**
 * Extracts and stores loaded articles, one transaction each: a failure with one article is a
 * reported error, and every other article is still stored. Used by the corpus and by
 * `factbot ingest` (which needs no search index).
 */
export async function storeArticles(
  store: Store,
  extract: (a: Article) => Statement[] | Promise<Statement[]>,
  loaded: LoadResult,
): Promise<IngestReport> {
  const report: IngestReport = { added: 0, updated: 0, unchanged: 0, statements: 0, errors: [...loaded.errors] };
  for (const article of loaded.articles) {
    try {
      const statements = await extract(article);
      const r = await store.upsertArticle(article, statements);
      report[r.status]++;
      report.statements += r.status === 'unchanged' ? 0 : r.statements;
    } catch (err) {
      log.error({ err, source: article.source }, 'could not store article');
      report.errors.push({ source: article.source, reason: `could not store: ${(err as Error).message}` });
    }
  }
  return report;
}

/** Sorted, non-overlapping union of ranges. */
function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** "No outlet called “x” in the corpus. Did you mean: …?" — also what the CLI prints as a note. */
export function unknownOutletNotice(u: { name: string; close: readonly string[] }): string {
  const name = u.name.length > 60 ? `${u.name.slice(0, 59)}…` : u.name;
  return `No outlet called “${name}” in the corpus.${u.close.length ? ` Did you mean: ${u.close.join(', ')}?` : ''}`;
}

/**
 * A typed description as a role to look up: lowercase, without a leading article or possessive
 * ("the president" → "president", "Israel's ambassador" stays whole). Null for what cannot be a
 * role: too short, too long, or with no letters.
 */
export function roleKey(typed: string): string | null {
  const key = typed
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' .-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an|our|their|his|her|its|this|that) /, '');
  if (key.length < 3 || key.split(' ').length > 6 || !/\p{L}{3}/u.test(key)) return null;
  return key;
}

function contentWordCount(text: string): number {
  return new Set(contentWords(text)).size;
}

/**
 * Which of the query's words to search one by one. A statement is kept when it has at least half
 * of the query's `total` content words, so it has at least `need` of the `words` searched here,
 * and by the pigeonhole principle at least one of any `words.length - need + 1` of them: the
 * others would find nothing new. At a million statements each word is a search of tens of
 * milliseconds, so a five-word query searches three words, not five. The longest words go first:
 * longer words are rarer, and a rare word's results are less often cut off by the limit.
 */
export function wordsToSearch(words: readonly string[], total: number): string[] {
  const need = Math.max(1, Math.ceil(total / 2) - (total - words.length));
  const count = Math.max(1, words.length - need + 1);
  return [...words].sort((a, b) => b.length - a.length).slice(0, count);
}

/** Adds an outlet once: "The Associated Press" and "Associated Press" are one. */
/**
 * The publishers of the other stored copies of the members' texts (syndicated copy: one report,
 * several sites), earliest first, leaving out the shown article and outlets already named.
 */
function carriers(members: readonly ClusterMember[], shownArticle: string, named: readonly string[]): string[] {
  const out = [...named];
  for (const m of members) {
    for (const a of [{ articleId: m.articleId, outlet: m.outlet }, ...(m.copies ?? [])]) {
      if (a.articleId !== shownArticle) addOutlet(out, a.outlet);
    }
  }
  return out.slice(named.length);
}

function addOutlet(list: string[], outlet: string | null | undefined): void {
  if (!outlet) return;
  const key = (o: string) => o.toLowerCase().replace(/^the\s+/, '').trim();
  if (!list.some((o) => key(o) === key(outlet))) list.push(outlet);
}

/** A speaker given only as a description that is the other speaker's role ("the mayor" ~ role "Mayor"). */
function sameRole(description: string, role: string | null | undefined): boolean {
  if (!role) return false;
  const key = (x: string) => x.toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
  return key(description) === key(role);
}

/**
 * What a sync remembers of an article it stored: its content and the file it came from. A file
 * renamed unchanged must still reach the store, which then files the article under the new path,
 * so that a later edit of that file replaces it rather than arriving as a new article (QA 9).
 */
function syncedAs(a: Article): string {
  return `${a.contentHash}\u0000${a.sourceKey ?? ''}`;
}
