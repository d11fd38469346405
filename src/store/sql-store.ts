import { createHash } from 'node:crypto';
import type { Article } from '../domain/article.js';
import type { Platform } from '../domain/command.js';
import type { Statement, StoredStatement } from '../domain/statement.js';
import { QUOTE_KEYS_VERSION, quoteKeys } from '../extract/quote-keys.js';
import { log } from '../log.js';
import { assignClustersInParts, CLUSTER_RULES_VERSION, type KeyOwner } from './clusters.js';
import { reclusterStored } from './recluster.js';
import { joinStoredTextCopies, joinTextCopies } from './text-copies.js';
import type { Driver, Queryable } from './driver.js';
import * as digests from './digests.js';
import { claimEvent, pruneEventClaims } from './event-claims.js';
import { loadInteractionState, pruneInteractionStates, saveInteractionState } from './interaction-states.js';
import {
  chunks,
  INSERT_CHUNK,
  iso,
  parseStatementId,
  PGLITE_WRITE_CHUNK,
  STATEMENT_COLUMNS,
  STATEMENT_FROM,
  statementId,
  statementsHash,
  toStatement,
  validateStatement,
  type ArticleWithStatements,
  type StatementRow,
  type WriteEffects,
  yieldToLoop,
} from './rows.js';
import {
  addSpeakerRoles,
  countSpeakerStatements,
  detachGenericSpeakers,
  pruneSpeakerRoles,
  recordStoredSpeakerGroups,
  resolveSpeakers,
  speakerGroups,
  SPEAKER_RULES_VERSION,
  splitStoredSharedSurnames,
} from './speakers.js';
import type {
  ChangeBatch,
  ClusterMember,
  DigestRun,
  DigestRunResult,
  NewSubscription,
  SpeakerInfo,
  SpeakerRole,
  Store,
  StoredArticleInfo,
  Subscription,
  UpsertResult,
} from './types.js';

/** The channel every process LISTENs on; the payload is the new sequence number. */
export const CHANGE_CHANNEL = 'factbot_changes';
/**
 * Every write to the corpus takes this advisory lock (PostgreSQL): writers are serialised, so
 * sequence numbers commit in order and a reader of the change feed can never skip one, and cluster
 * merges never race.
 */
const WRITE_LOCK = 0x0fac7b08;
/** Rows per page when streaming statements (callers' batches are cut from these). */
const PAGE_ROWS = 10_000;
/** PGlite: analyse after this many statements written, and at least this share of those known. */
const ANALYZE_MIN_ROWS = 5_000;
const ANALYZE_SHARE = 0.2;
/**
 * PGlite: the statistics target of its ANALYZE (PostgreSQL's default is 100). ANALYZE reads
 * 300 × target rows of a table at random, on this thread: at a million statements the target of
 * 100 held the event loop ~1 s for the statements table alone (0.65 s quote keys, 0.5 s articles),
 * and the sample, not the columns, is what costs (one column alone: 0.42 s). The plans that matter
 * (lookups by cluster, key, article, speaker, text hash) need only the row count and a rough
 * number of distinct values; docs/store.md has the measurements.
 */
const PGLITE_STATISTICS_TARGET = 10;
/** Event claims between two prunes of the expired ones (a busy workspace: thousands a day). */
const EVENT_PRUNE_EVERY = 500;
/** Button states between two prunes of the expired ones (one per paged or shareable answer). */
const STATE_PRUNE_EVERY = 500;

export class SqlStore implements Store {
  readonly engine: 'pglite' | 'postgres';
  private readonly listeners = new Set<(seq: number) => void>();
  private lastEmitted = 0;
  private unlisten: (() => Promise<void>) | null = null;
  private closed = false;
  /** Rows fetched per page by iterateStatements (small in tests to exercise the keyset). */
  iteratePageRows = PAGE_ROWS;
  /**
   * PGlite runs no autovacuum, so the planner's statistics stay as they were at the first write
   * (none at all, in a store filled by one process): plans then scan whole tables. Like
   * autovacuum's analyze threshold, the tables are analysed again once the statements written
   * since the last time reach a share of those there were then.
   */
  private writtenSinceAnalyze = 0;
  private statementsAtAnalyze: number | null = null;
  /** Analyses so far (tests). */
  analyzeRuns = 0;
  /** default_statistics_target for the PGlite ANALYZE (bench/store-analyze.ts compares others). */
  statisticsTarget = PGLITE_STATISTICS_TARGET;
  /**
   * Rows per multi-row write (statements, quote keys, deletions), with a turn of the event loop
   * before each (`inParts`). PGlite runs queries on this thread and its transaction holds every
   * other query of the process until it commits, so a long article's write in 5,000-row queries
   * stalled the loop for its whole 2–5 s; on PostgreSQL the server does the work and the large
   * chunks save round trips. Small in tests, to exercise the parts.
   */
  writeChunkRows: number;

  constructor(
    private readonly db: Driver,
    private readonly now: () => Date,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.engine = db.engine;
    this.writeChunkRows = db.engine === 'pglite' ? PGLITE_WRITE_CHUNK : INSERT_CHUNK;
  }

  /**
   * Runs `fn` on each part of `items` in turn, letting the event loop run before each. Inside a
   * write transaction this keeps it one transaction: on PGlite the loop's other work can run
   * (acknowledgements, the search index, rendering), but any query it makes waits for the
   * transaction's end (PGlite has one connection and queues every query behind an open
   * transaction), so nothing sees, or writes into, a half-written article; on PostgreSQL other
   * connections see only committed data anyway.
   */
  private async inParts<T>(items: readonly T[], size: number, fn: (part: T[]) => Promise<void> | void): Promise<void> {
    for (const part of chunks(items, Math.max(1, size))) {
      await yieldToLoop();
      await fn(part);
    }
  }

  /** Starts following other processes' changes (PostgreSQL); called once by openStore. */
  async start(): Promise<void> {
    await this.ensureQuoteKeys();
    await this.ensureSpeakerRules();
    await this.ensureClusterRules();
    await this.analyzeIfStale();
    this.lastEmitted = await this.currentSeq();
    this.unlisten = await this.db.listen(CHANGE_CHANNEL, (payload) => {
      const seq = Number(payload);
      if (payload && Number.isFinite(seq)) this.emit(seq);
      else this.currentSeq().then((s) => this.emit(s), () => undefined);
    });
  }

  /**
   * Data stored under an older rule is corrected once, at start: `key` in store_meta holds the
   * version the stored data follows; when it is not `version`, `fix` runs in one transaction with
   * the new stamp, under the write lock (a second process starting at the same moment waits, then
   * finds the stamp), so a crash half-way leaves the old data and the old stamp to be redone.
   * Null when there was nothing to do.
   */
  private async correctOnce<T>(key: string, version: string, fix: (tx: Queryable) => Promise<T>): Promise<T | null> {
    const stamp = async (q: Queryable): Promise<string | undefined> =>
      (await q.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [key]))[0]?.value;
    if ((await stamp(this.db)) === version) return null;
    // The corrections read statements by cluster, speaker or page: by index, given statistics.
    await this.analyzeIfStale();
    return this.db.transaction(async (tx) => {
      await this.lockWrites(tx);
      if ((await stamp(tx)) === version) return null;
      const result = await fix(tx);
      await tx.query(
        'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [key, version],
      );
      return result;
    });
  }

  /**
   * Brings quote_keys up to the current key algorithm: when the version stored differs (keys were
   * tuned), they are recomputed from the stored quotes, keeping every statement's cluster.
   */
  async ensureQuoteKeys(): Promise<void> {
    await this.correctOnce('quote_keys', QUOTE_KEYS_VERSION, async (tx) => {
      await tx.query('DELETE FROM quote_keys');
      let after: [string, number] = ['', -1];
      for (;;) {
        const rows = await tx.query<{ article_id: string; ordinal: number; quote: string }>(
          `SELECT article_id, ordinal, quote FROM statements
           WHERE quote IS NOT NULL AND (article_id, ordinal) > ($1, $2) ORDER BY article_id, ordinal LIMIT 5000`,
          after,
        );
        if (!rows.length) break;
        await this.insertKeys(
          tx,
          rows.map((r) => ({ articleId: r.article_id, ordinal: Number(r.ordinal), keys: quoteKeys(r.quote) })),
        );
        const last = rows[rows.length - 1]!;
        after = [last.article_id, Number(last.ordinal)];
      }
    });
  }

  /** Applies the current speaker rules to speakers stored under older ones (see speakers.ts). */
  async ensureSpeakerRules(): Promise<void> {
    const seq = await this.correctOnce('speaker_rules', SPEAKER_RULES_VERSION, async (tx) => {
      const touched = [
        ...new Set([...(await detachGenericSpeakers(tx)), ...(await splitStoredSharedSurnames(tx)), ...(await recordStoredSpeakerGroups(tx))]),
      ];
      return touched.length ? this.logChanges(tx, [{ articleId: null, touched, removed: [], clusters: [] }], this.now().toISOString()) : null;
    });
    if (seq !== null) this.emit(seq);
  }

  /**
   * Re-clusters quotes stored under an older clustering rule (CLUSTER_RULES_VERSION, see
   * recluster.ts). The statements whose cluster changed go to the change feed like a merge's, so
   * the search index and the corpus's cluster sizes follow. (The members of the clusters to redo
   * are read by cluster id, a thousand clusters at a time: on a PGlite store without statistics
   * each read was a scan of every statement, ~0.5 s per thousand clusters at 600k statements.)
   */
  async ensureClusterRules(): Promise<void> {
    const result = await this.correctOnce('cluster_rules', CLUSTER_RULES_VERSION, async (tx) => {
      const split = await reclusterStored(tx);
      const copies = await joinStoredTextCopies(tx);
      const touched = [...new Set([...split.touched, ...copies.touched])];
      const clusters = [...new Set([...split.clusters, ...copies.clusters])];
      if (!touched.length) return null;
      const seq = await this.logChanges(tx, [{ articleId: null, touched, removed: [], clusters }], this.now().toISOString());
      return { seq, statements: touched.length };
    });
    if (result === null) return;
    log.info({ statements: result.statements, version: CLUSTER_RULES_VERSION }, 'store: statements stored under an older clustering rule were re-clustered');
    this.emit(result.seq);
  }

  private emit(seq: number): void {
    if (seq <= this.lastEmitted || this.closed) return;
    this.lastEmitted = seq;
    for (const l of this.listeners) {
      try {
        l(seq);
      } catch (err) {
        log.error({ err }, 'store: change listener threw');
      }
    }
  }

  private async lockWrites(tx: Queryable): Promise<void> {
    if (this.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  }

  // ── articles ────────────────────────────────────────────────────────────────────────────────

  async upsertArticle(article: Article, statements: Statement[]): Promise<UpsertResult> {
    const [r] = await this.upsertArticles([{ article, statements }]);
    return r!;
  }

  /**
   * The bulk path: many articles in one transaction, with multi-row inserts. Unchanged articles
   * (same content hash) are skipped without writing. All or nothing: if any article fails, none of
   * the batch is stored.
   */
  async upsertArticles(batch: readonly ArticleWithStatements[]): Promise<UpsertResult[]> {
    const byId = new Map<string, ArticleWithStatements>();
    for (const item of batch) byId.set(item.article.id, item);
    for (const { article, statements } of byId.values()) {
      if (!article.id) throw new Error('article without an id');
      for (const k of ['id', 'title', 'text', 'source', 'contentHash', 'outlet', 'url', 'published', 'author', 'sourceKey'] as const) {
        if (article[k]?.includes('\u0000')) throw new Error(`article ${article.id}: ${k} contains a NUL character, which the database cannot store`);
      }
      statements.forEach((s, i) => validateStatement(s, article, i));
    }
    const ids = [...byId.keys()];
    if (!ids.length) return [];

    const { results, seq } = await this.db.transaction(async (tx) => {
      await this.lockWrites(tx);
      const existingRows = await tx.query<{
        id: string;
        content_hash: string;
        statements_hash: string | null;
        statement_count: number;
        source_key: string | null;
      } & PreviousVersion>(
        `SELECT id, content_hash, statements_hash, statement_count, source_key, text_hash, title, text_changed_at
         FROM articles WHERE id = ANY($1::text[])`,
        [ids],
      );
      await yieldToLoop();
      const existing = new Map(existingRows.map((r) => [r.id, r]));
      // Earlier versions of the same file under another id (its text changed): replaced below.
      const keyOf = new Map<string, string>();
      for (const item of byId.values()) if (item.article.sourceKey) keyOf.set(item.article.sourceKey, item.article.id);
      const staleRows = keyOf.size
        ? await tx.query<{ id: string; source_key: string; ingested_at: Date | string } & PreviousVersion>(
            `SELECT id, source_key, ingested_at, text_hash, title, text_changed_at FROM articles
             WHERE source_key = ANY($1::text[]) AND NOT (id = ANY($2::text[]))`,
            [[...keyOf.keys()], ids],
          )
        : [];
      /** New id → the first ingest time of the version it replaces (an edit is not a new article). */
      const replacing = new Map<string, string>();
      for (const r of staleRows) {
        const by = keyOf.get(r.source_key)!;
        const at = iso(r.ingested_at);
        const cur = replacing.get(by);
        if (cur === undefined || at < cur) replacing.set(by, at);
      }
      const results = new Map<string, UpsertResult>();
      const changed: ArticleWithStatements[] = [];
      const keyOnly: Array<[string, string]> = [];
      for (const item of byId.values()) {
        const old = existing.get(item.article.id);
        // Same text and the same statements from it; a changed extractor re-stores the article.
        if (old && old.content_hash === item.article.contentHash && old.statements_hash === statementsHash(item.statements)) {
          results.set(item.article.id, {
            articleId: item.article.id,
            status: 'unchanged',
            statements: Number(old.statement_count),
            seq: 0,
          });
          // Stored before keys existed, or its file was renamed: remember the file it now comes
          // from without rewriting the article, so that a later edit of that file replaces this
          // version (and keeps its first ingest time) instead of arriving as a new article (QA 9).
          if (item.article.sourceKey && old.source_key !== item.article.sourceKey) keyOnly.push([item.article.id, item.article.sourceKey]);
        } else changed.push(item);
      }
      if (keyOnly.length) {
        await tx.query(
          'UPDATE articles a SET source_key = k.key FROM unnest($1::text[], $2::text[]) AS k(id, key) WHERE a.id = k.id',
          [keyOnly.map((k) => k[0]), keyOnly.map((k) => k[1])],
        );
      }
      if (!changed.length && !staleRows.length) return { results, seq: null };

      const now = this.now().toISOString();
      const effects: WriteEffects = { touched: new Set(), clusters: new Set() };
      const staleIds = staleRows.map((r) => r.id);
      const replacedIds = changed.map((c) => c.article.id).filter((id) => existing.has(id));
      const removedRoles: Array<readonly [number, string]> = [];
      const oldByArticle = await this.removeStatements(tx, [...replacedIds, ...staleIds], effects, removedRoles);
      if (staleIds.length) await tx.query('DELETE FROM articles WHERE id = ANY($1::text[])', [staleIds]);

      // Corrections: when each article's text last changed, and which of its statements are new.
      const textChanged = new Map<string, string | null>();
      const statementChanged = new Map<string, string | null>();
      for (const c of changed) {
        const prev: PreviousVersion[] = [];
        const prevStatements: Array<{ text: string; changedAt: string | null }> = [];
        const same = existing.get(c.article.id);
        if (same) {
          prev.push(same);
          prevStatements.push(...(oldByArticle.get(c.article.id) ?? []));
        }
        for (const r of staleRows) {
          if (!c.article.sourceKey || r.source_key !== c.article.sourceKey) continue;
          prev.push(r);
          prevStatements.push(...(oldByArticle.get(r.id) ?? []));
        }
        const at = versionChangedAt(c.article, prev, now);
        textChanged.set(c.article.id, at);
        const before = new Map<string, string | null>();
        for (const o of prevStatements) {
          const had = before.get(o.text);
          if (had === undefined || (o.changedAt !== null && (had === null || o.changedAt > had))) before.set(o.text, o.changedAt);
        }
        const corrected = prev.length > 0 && at === now;
        c.statements.forEach((st, i) => {
          const kept = before.get(st.text);
          statementChanged.set(statementId(c.article.id, i), kept !== undefined ? kept : corrected ? now : null);
        });
      }

      await this.writeArticles(tx, changed, now, replacing, textChanged);
      const speakerIds = await resolveSpeakers(tx, changed, effects);
      const clusterOf = await this.assignClusters(tx, changed, effects);
      await this.insertStatements(tx, changed, speakerIds, clusterOf, now, statementChanged);
      await countSpeakerStatements(
        tx,
        changed.flatMap((c) => c.statements.map((st) => (st.speaker ? (speakerIds.get(st.speaker) ?? null) : null))),
        1,
      );
      // After the new statements: a role the new version still gives stays.
      await pruneSpeakerRoles(tx, removedRoles);

      let seq = 0;
      const changeRows = changed.map((c) => {
        const newCount = c.statements.length;
        const removed = (oldByArticle.get(c.article.id) ?? []).filter((o) => o.ordinal >= newCount).map((o) => o.id);
        const clusters = new Set<string>((oldByArticle.get(c.article.id) ?? []).map((o) => o.clusterId));
        c.statements.forEach((_, i) => clusters.add(clusterOf.get(statementId(c.article.id, i))!));
        return { articleId: c.article.id as string | null, touched: [] as string[], removed, clusters: [...clusters] };
      });
      for (const id of staleIds) {
        const old = oldByArticle.get(id) ?? [];
        changeRows.push({ articleId: id, touched: [], removed: old.map((o) => o.id), clusters: [...new Set(old.map((o) => o.clusterId))] });
      }
      if (effects.touched.size || effects.clusters.size) {
        changeRows.push({ articleId: null, touched: [...effects.touched], removed: [], clusters: [...effects.clusters] });
      }
      seq = await this.logChanges(tx, changeRows, now);

      for (const c of changed) {
        results.set(c.article.id, {
          articleId: c.article.id,
          status: existing.has(c.article.id) || replacing.has(c.article.id) ? 'updated' : 'added',
          statements: c.statements.length,
          seq,
        });
      }
      return { results, seq };
    });

    const current = seq ?? (await this.currentSeq());
    if (seq !== null) {
      this.emit(seq);
      let written = 0;
      for (const r of results.values()) if (r.status !== 'unchanged') written += r.statements;
      await this.analyzeAfterGrowth(written);
    }
    return ids.map((id) => {
      const r = results.get(id)!;
      return r.status === 'unchanged' ? { ...r, seq: current } : r;
    });
  }

  /**
   * At start on PGlite: ANALYZE when the statements table has grown by a fifth or more since the
   * planner's statistics were taken, or has never had any (a store filled before ANALYZE was
   * run after growth, or by many processes each writing less than the threshold: the count of
   * writes lives only as long as a process). Without statistics the planner took every cluster
   * lookup for thousands of rows and hashed the whole articles table for each: 100 ms per result's
   * corroboration at a million statements, against 1 ms. The table's size in pages is cheap to
   * read and the statistics record the size they were taken at.
   */
  private async analyzeIfStale(): Promise<void> {
    if (this.engine !== 'pglite') return;
    const rows = await this.db.query<{ tuples: number; stat_pages: number; pages: number }>(
      `SELECT reltuples::float8 AS tuples, relpages::float8 AS stat_pages,
              (pg_relation_size(oid) / current_setting('block_size')::int)::float8 AS pages
       FROM pg_class WHERE relname = 'statements'`,
    );
    const r = rows[0];
    if (!r) return;
    const pages = Number(r.pages);
    const statPages = Number(r.stat_pages);
    const never = Number(r.tuples) < 0;
    if (pages === 0 || (!never && pages <= statPages * (1 + ANALYZE_SHARE))) return;
    await this.analyze();
    this.analyzeRuns++;
  }

  /**
   * ANALYZE (PGlite only), a table at a time with a turn of the event loop between two, each with
   * a small sample (`statisticsTarget`, for this transaction only): one ANALYZE of the whole
   * database held PGlite's (the bot's) thread for 2.4–3 s at a million statements, the statements
   * table's own ~1 s of it; at target 10 the longest is ~0.1 s (docs/store.md).
   */
  private async analyze(): Promise<void> {
    const tables = await this.db.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    );
    const target = Math.max(1, Math.min(10_000, Math.floor(this.statisticsTarget)));
    for (const t of tables) {
      await yieldToLoop();
      await this.db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL default_statistics_target = ${target}`);
        await tx.exec(`ANALYZE ${t.name}`);
      });
    }
  }

  private async analyzeAfterGrowth(written: number): Promise<void> {
    if (this.engine !== 'pglite' || written === 0) return;
    this.writtenSinceAnalyze += written;
    if (this.statementsAtAnalyze === null) {
      // reltuples is -1 for a table never analysed (0 statements known).
      const rows = await this.db.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'statements'");
      this.statementsAtAnalyze = Math.max(0, Number(rows[0]?.n ?? 0));
    }
    if (this.writtenSinceAnalyze < Math.max(ANALYZE_MIN_ROWS, ANALYZE_SHARE * this.statementsAtAnalyze)) return;
    await this.analyze();
    this.analyzeRuns++;
    this.statementsAtAnalyze += this.writtenSinceAnalyze;
    this.writtenSinceAnalyze = 0;
  }

  async deleteArticle(id: string): Promise<boolean> {
    const seq = await this.db.transaction(async (tx) => {
      await this.lockWrites(tx);
      const found = await tx.query('SELECT 1 FROM articles WHERE id = $1', [id]);
      if (!found.length) return null;
      const effects: WriteEffects = { touched: new Set(), clusters: new Set() };
      const removedRoles: Array<readonly [number, string]> = [];
      const old = (await this.removeStatements(tx, [id], effects, removedRoles)).get(id) ?? [];
      await pruneSpeakerRoles(tx, removedRoles);
      await tx.query('DELETE FROM articles WHERE id = $1', [id]);
      const rows = [
        {
          articleId: id as string | null,
          touched: [...effects.touched],
          removed: old.map((o) => o.id),
          clusters: [...new Set([...old.map((o) => o.clusterId), ...effects.clusters])],
        },
      ];
      return this.logChanges(tx, rows, this.now().toISOString());
    });
    if (seq === null) return false;
    this.emit(seq);
    return true;
  }

  /**
   * Deletes the statements of these articles with their quote keys, and renames a cluster that was
   * labelled by a deleted statement after a remaining member.
   */
  private async removeStatements(
    tx: Queryable,
    articleIds: readonly string[],
    effects: WriteEffects,
    /** Gets the (speaker, role) of every statement removed, for pruneSpeakerRoles once the write's new statements are in. */
    roles: Array<readonly [number, string]>,
  ): Promise<Map<string, RemovedStatement[]>> {
    const byArticle = new Map<string, RemovedStatement[]>();
    if (!articleIds.length) return byArticle;
    type Deleted = {
      article_id: string;
      ordinal: number;
      cluster_id: string;
      quote: string | null;
      speaker_id: number | string | null;
      speaker_role: string | null;
      text: string;
      changed_at: Date | string | null;
    };
    const old: Deleted[] = [];
    // In parts of writeChunkRows (by primary key), the loop running between them.
    for (;;) {
      await yieldToLoop();
      const part = await tx.query<Deleted>(
        `DELETE FROM statements s USING (
           SELECT article_id, ordinal FROM statements WHERE article_id = ANY($1::text[]) ORDER BY article_id, ordinal LIMIT $2
         ) d WHERE s.article_id = d.article_id AND s.ordinal = d.ordinal
         RETURNING s.article_id, s.ordinal, s.cluster_id, s.quote, s.speaker_id, s.speaker_role, s.text, s.changed_at`,
        [articleIds, this.writeChunkRows],
      );
      for (const r of part) old.push(r);
      if (part.length < this.writeChunkRows) break;
    }
    await countSpeakerStatements(tx, old.map((r) => (r.speaker_id === null ? null : Number(r.speaker_id))), -1);
    for (const r of old) if (r.speaker_id !== null && r.speaker_role) roles.push([Number(r.speaker_id), r.speaker_role]);
    const deletedIds = new Set<string>();
    const labels = new Set<string>();
    const keyRows: Array<[string, string, number]> = [];
    // Keying quotes is JavaScript work too: a long article's thousands of quotes, in parts.
    await this.inParts(old, this.writeChunkRows, (part) => {
      for (const r of part) {
        const ordinal = Number(r.ordinal);
        const id = statementId(r.article_id, ordinal);
        deletedIds.add(id);
        labels.add(r.cluster_id);
        const list = byArticle.get(r.article_id) ?? [];
        list.push({ id, ordinal, clusterId: r.cluster_id, text: r.text, changedAt: r.changed_at === null ? null : iso(r.changed_at) });
        byArticle.set(r.article_id, list);
        if (r.quote) for (const k of quoteKeys(r.quote)) keyRows.push([k, r.article_id, ordinal]);
      }
    });
    // The keys go with their statements (recomputed: the algorithm version is the one they were
    // stored with, see ensureQuoteKeys).
    await this.inParts(keyRows, this.writeChunkRows, async (part) => {
      await tx.query(
        `DELETE FROM quote_keys k USING unnest($1::text[], $2::text[], $3::int[]) AS d(key, a, o)
         WHERE k.key = d.key AND k.article_id = d.a AND k.ordinal = d.o`,
        [part.map((k) => k[0]), part.map((k) => k[1]), part.map((k) => k[2])],
      );
    });
    if (!labels.size) return byArticle;
    const remaining = await tx.query<{ cluster_id: string; first: string }>(
      `SELECT cluster_id, min(article_id || ':' || ordinal) AS first FROM statements
       WHERE cluster_id = ANY($1::text[]) GROUP BY cluster_id`,
      [[...labels]],
    );
    // A cluster named after a deleted statement takes the id of a remaining member.
    const relabel = remaining.filter((r) => deletedIds.has(r.cluster_id)).map((r) => [r.cluster_id, r.first] as const);
    if (relabel.length) await this.renameClusters(tx, relabel, effects);
    return byArticle;
  }

  /** Renames clusters (old label → new label); records the statements touched. */
  private async renameClusters(tx: Queryable, pairs: ReadonlyArray<readonly [string, string]>, effects: WriteEffects): Promise<void> {
    const from = pairs.map((p) => p[0]);
    const to = pairs.map((p) => p[1]);
    const moved = await tx.query<{ article_id: string; ordinal: number }>(
      `UPDATE statements s SET cluster_id = m.new_id
       FROM unnest($1::text[], $2::text[]) AS m(old_id, new_id)
       WHERE s.cluster_id = m.old_id RETURNING s.article_id, s.ordinal`,
      [from, to],
    );
    for (const r of moved) effects.touched.add(statementId(r.article_id, Number(r.ordinal)));
    for (const [a, b] of pairs) {
      effects.clusters.add(a);
      effects.clusters.add(b);
    }
  }

  private async writeArticles(
    tx: Queryable,
    items: readonly ArticleWithStatements[],
    now: string,
    firstIngested: ReadonlyMap<string, string>,
    textChanged: ReadonlyMap<string, string | null>,
  ): Promise<void> {
    // An article row carries its whole text: a tenth of the statement rows per query.
    await this.inParts(items, Math.ceil(this.writeChunkRows / 10), async (part) => {
      const col = <K extends keyof Article>(k: K) => part.map((p) => p.article[k] ?? null);
      await tx.query(
        `INSERT INTO articles (id, title, outlet, url, published, author, body, source, content_hash, statement_count, ingested_at, updated_at, source_key, text_hash, statements_hash, text_changed_at)
         SELECT id, title, outlet, url, published, author, body, source, content_hash, n, COALESCE(first, $11::timestamptz), $11::timestamptz, skey, md5(body), sh, tc
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[],
           $12::text[], $13::timestamptz[], $14::text[], $15::timestamptz[])
           AS t(id, title, outlet, url, published, author, body, source, content_hash, n, skey, first, sh, tc)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, outlet = EXCLUDED.outlet, url = EXCLUDED.url,
           published = EXCLUDED.published, author = EXCLUDED.author, body = EXCLUDED.body, source = EXCLUDED.source,
           content_hash = EXCLUDED.content_hash, statement_count = EXCLUDED.statement_count, updated_at = EXCLUDED.updated_at,
           source_key = COALESCE(EXCLUDED.source_key, articles.source_key), text_hash = EXCLUDED.text_hash,
           statements_hash = EXCLUDED.statements_hash, text_changed_at = EXCLUDED.text_changed_at,
           ingested_at = LEAST(articles.ingested_at, EXCLUDED.ingested_at)`,
        [
          col('id'),
          col('title'),
          col('outlet'),
          col('url'),
          col('published'),
          col('author'),
          col('text'),
          col('source'),
          col('contentHash'),
          part.map((p) => p.statements.length),
          now,
          col('sourceKey'),
          part.map((p) => firstIngested.get(p.article.id) ?? null),
          part.map((p) => statementsHash(p.statements)),
          part.map((p) => textChanged.get(p.article.id) ?? null),
        ],
      );
    });
  }


  private async assignClusters(
    tx: Queryable,
    items: readonly ArticleWithStatements[],
    effects: WriteEffects,
  ): Promise<Map<string, string>> {
    const inputs: Array<{ id: string; keys: string[]; quote: string | null }> = [];
    const all = items.flatMap(({ article, statements }) => statements.map((s, i) => ({ article, s, i })));
    await this.inParts(all, this.writeChunkRows, (part) => {
      for (const { article, s, i } of part) inputs.push({ id: statementId(article.id, i), keys: s.quote ? quoteKeys(s.quote) : [], quote: s.quote });
    });
    const allKeys = [...new Set(inputs.flatMap((s) => s.keys))];
    const existing = new Map<string, KeyOwner[]>();
    // 20,000 keys a lookup on PostgreSQL; on PGlite a thousand (a lookup of 15,000 keys, a long
    // article's, took 0.2-0.6 s of the thread).
    for (const part of chunks(allKeys, this.engine === 'pglite' ? 2 * this.writeChunkRows : 20_000)) {
      await yieldToLoop();
      // Two lookups by index, never a scan: joined to statements in one query, the planner hashed
      // every statement once per batch (and PGlite, without autovacuum, never had statistics, so
      // it scanned every key too): ingest slowed from ~5 000 to ~700 statements/s at 1M.
      const keyRows = await tx.query<{ key: string; article_id: string; ordinal: number; n_keys: number }>(
        'SELECT key, article_id, ordinal, n_keys FROM quote_keys WHERE key = ANY($1::text[])',
        [part],
      );
      if (!keyRows.length) continue;
      const clusterRows = await tx.query<{ article_id: string; ordinal: number; cluster_id: string; quote: string | null }>(
        `SELECT s.article_id, s.ordinal, s.cluster_id, s.quote FROM unnest($1::text[], $2::int[]) AS u(a, o)
         JOIN statements s ON s.article_id = u.a AND s.ordinal = u.o`,
        [keyRows.map((r) => r.article_id), keyRows.map((r) => Number(r.ordinal))],
      );
      const ofRow = new Map(clusterRows.map((r) => [`${r.article_id}\u0000${Number(r.ordinal)}`, r]));
      const rows = keyRows.flatMap((k) => {
        const owner = ofRow.get(`${k.article_id}\u0000${Number(k.ordinal)}`);
        return owner === undefined ? [] : [{ key: k.key, cluster_id: owner.cluster_id, n_keys: k.n_keys, quote: owner.quote }];
      });
      for (const r of rows) {
        const list = existing.get(r.key) ?? [];
        list.push({ clusterId: r.cluster_id, nKeys: Number(r.n_keys), quote: r.quote });
        existing.set(r.key, list);
      }
    }
    const { clusterOf, merges } = await assignClustersInParts(inputs, existing, this.writeChunkRows, yieldToLoop);
    if (merges.size) await this.renameClusters(tx, [...merges], effects);
    // A copy of a stored text (syndicated copy): its sentences without a quote join the copy's.
    await joinTextCopies(tx, items, clusterOf);
    await this.insertKeys(
      tx,
      inputs.map((s) => {
        const [articleId, ordinal] = parseStatementId(s.id)!;
        return { articleId, ordinal, keys: s.keys };
      }),
    );
    return clusterOf;
  }

  private async insertKeys(
    tx: Queryable,
    statements: ReadonlyArray<{ articleId: string; ordinal: number; keys: readonly string[] }>,
  ): Promise<void> {
    const rows: Array<[string, string, number, number]> = [];
    for (const s of statements) {
      const keys = [...new Set(s.keys)];
      for (const k of keys) rows.push([k, s.articleId, s.ordinal, keys.length]);
    }
    await this.inParts(rows, this.writeChunkRows, async (part) => {
      await tx.query(
        `INSERT INTO quote_keys (key, article_id, ordinal, n_keys)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[])`,
        [part.map((r) => r[0]), part.map((r) => r[1]), part.map((r) => r[2]), part.map((r) => r[3])],
      );
    });
  }

  private async insertStatements(
    tx: Queryable,
    items: readonly ArticleWithStatements[],
    speakerIds: ReadonlyMap<string, number>,
    clusterOf: ReadonlyMap<string, string>,
    now: string,
    changedAt: ReadonlyMap<string, string | null>,
  ): Promise<void> {
    const rows = items.flatMap(({ article, statements }) => statements.map((s, i) => ({ article, s, i })));
    await this.inParts(rows, this.writeChunkRows, async (part) => {
      await tx.query(
        `INSERT INTO statements (article_id, ordinal, text, kind, quote, speaker_id, speaker_raw, speaker_mention,
           speaker_role, outlet, cue, start_pos, end_pos, paragraph, cluster_id, ingested_at, changed_at)
         SELECT a, o, t, k, q, sid, sr, sm, sro, ou, c, st, en, p, cl, $16::timestamptz, ch
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::int[], $15::text[], $17::timestamptz[])
           AS u(a, o, t, k, q, sid, sr, sm, sro, ou, c, st, en, p, cl, ch)`,
        [
          part.map((r) => r.article.id),
          part.map((r) => r.i),
          part.map((r) => r.s.text),
          part.map((r) => r.s.kind),
          part.map((r) => r.s.quote),
          part.map((r) => (r.s.speaker ? (speakerIds.get(r.s.speaker) ?? null) : null)),
          part.map((r) => r.s.speaker),
          part.map((r) => r.s.speakerMention),
          part.map((r) => r.s.speakerRole),
          part.map((r) => r.s.outlet),
          part.map((r) => r.s.cue),
          part.map((r) => r.s.start),
          part.map((r) => r.s.end),
          part.map((r) => r.s.paragraph),
          part.map((r) => clusterOf.get(statementId(r.article.id, r.i))!),
          now,
          part.map((r) => changedAt.get(statementId(r.article.id, r.i)) ?? null),
        ],
      );
    });
    const roles: Array<[number, string]> = [];
    for (const { s } of rows) {
      const id = s.speaker ? speakerIds.get(s.speaker) : undefined;
      if (id !== undefined && s.speakerRole) roles.push([id, s.speakerRole]);
    }
    await addSpeakerRoles(tx, roles);
  }

  private async logChanges(
    tx: Queryable,
    rows: ReadonlyArray<{ articleId: string | null; touched: string[]; removed: string[]; clusters: string[] }>,
    now: string,
  ): Promise<number> {
    let seq = 0;
    for (const part of chunks(rows, INSERT_CHUNK)) {
      const out = await tx.query<{ seq: number | string }>(
        `INSERT INTO changes (at, article_id, touched, removed, clusters)
         SELECT $1::timestamptz, a, t, r, c FROM unnest($2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) AS u(a, t, r, c)
         RETURNING seq`,
        [
          now,
          part.map((r) => r.articleId),
          part.map((r) => JSON.stringify(r.touched)),
          part.map((r) => JSON.stringify(r.removed)),
          part.map((r) => JSON.stringify(r.clusters)),
        ],
      );
      for (const o of out) seq = Math.max(seq, Number(o.seq));
    }
    if (this.engine === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, String(seq)]);
    return seq;
  }

  async getArticle(id: string): Promise<Article | null> {
    const rows = await this.db.query<{
      id: string;
      title: string;
      outlet: string | null;
      url: string | null;
      published: string | null;
      author: string | null;
      body: string;
      source: string;
      content_hash: string;
      source_key: string | null;
    }>('SELECT id, title, outlet, url, published, author, body, source, content_hash, source_key FROM articles WHERE id = $1', [id]);
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      title: r.title,
      outlet: r.outlet,
      url: r.url,
      published: r.published,
      author: r.author,
      text: r.body,
      source: r.source,
      contentHash: r.content_hash,
      sourceKey: r.source_key,
    };
  }

  async textCopies(articleIds: readonly string[]): Promise<Map<string, StoredArticleInfo[]>> {
    const out = new Map<string, StoredArticleInfo[]>();
    if (!articleIds.length) return out;
    const rows = await this.db.query<ArticleInfoRow & { copy_of: string }>(
      `SELECT a.id AS copy_of, c.id, c.title, c.outlet, c.url, c.published, c.source, c.ingested_at, c.statement_count, c.text_changed_at
       FROM articles a JOIN articles c ON c.text_hash = a.text_hash AND c.id <> a.id
       WHERE a.id = ANY($1::text[])
       ORDER BY a.id, c.ingested_at, c.id`,
      [[...new Set(articleIds)]],
    );
    for (const r of rows) {
      const list = out.get(r.copy_of) ?? [];
      list.push(articleInfo(r));
      out.set(r.copy_of, list);
    }
    return out;
  }

  async listArticles(opts: { since?: Date; changedSince?: Date; limit?: number } = {}): Promise<StoredArticleInfo[]> {
    const params: unknown[] = [];
    const conds: string[] = [];
    if (opts.since) {
      params.push(opts.since.toISOString());
      conds.push(`ingested_at > $${params.length}::timestamptz`);
    }
    if (opts.changedSince) {
      params.push(opts.changedSince.toISOString());
      conds.push(`text_changed_at > $${params.length}::timestamptz`);
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    let limit = '';
    if (opts.limit !== undefined) {
      params.push(Math.max(0, Math.floor(opts.limit)));
      limit = `LIMIT $${params.length}`;
    }
    const rows = await this.db.query<ArticleInfoRow>(
      `SELECT id, title, outlet, url, published, source, ingested_at, statement_count, text_changed_at FROM articles ${where}
       ORDER BY ingested_at DESC, id ${limit}`,
      params,
    );
    return rows.map(articleInfo);
  }

  async changedStatements(articleIds: readonly string[], after: Date): Promise<Map<string, StoredStatement[]>> {
    const out = new Map<string, StoredStatement[]>();
    if (!articleIds.length) return out;
    const rows = await this.selectStatements(this.db, 'WHERE s.article_id = ANY($1::text[]) AND s.changed_at > $2::timestamptz', [
      [...new Set(articleIds)],
      after.toISOString(),
    ]);
    for (const st of rows) {
      const list = out.get(st.articleId) ?? [];
      list.push(st);
      out.set(st.articleId, list);
    }
    return out;
  }

  async countArticles(): Promise<number> {
    const r = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
    return Number(r[0]!.n);
  }

  async countStatements(): Promise<number> {
    const r = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM statements');
    return Number(r[0]!.n);
  }

  // ── statements ──────────────────────────────────────────────────────────────────────────────

  async getStatements(articleId: string): Promise<StoredStatement[]> {
    return this.selectStatements(this.db, 'WHERE s.article_id = $1', [articleId]);
  }

  /**
   * Statements as one JSON document per query: PGlite hands rows to JavaScript field by field,
   * which costs more than the query itself; one JSON.parse of the page is much cheaper.
   */
  private async selectStatements(q: Queryable, where: string, params: readonly unknown[], limit = ''): Promise<StoredStatement[]> {
    const rows = await q.query<{ j: string | null }>(
      `SELECT json_agg(x ORDER BY x.article_id, x.ordinal)::text AS j FROM (
         SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENT_FROM} ${where} ORDER BY s.article_id, s.ordinal ${limit}
       ) x`,
      params,
    );
    const j = rows[0]?.j;
    return j ? (JSON.parse(j) as StatementRow[]).map(toStatement) : [];
  }

  /** In the order asked; ids that do not exist are left out. */
  async getStatementsByIds(ids: readonly string[]): Promise<StoredStatement[]> {
    const found = await this.fetchByIds(this.db, ids);
    return ids.map((id) => found.get(id)).filter((s): s is StoredStatement => s !== undefined);
  }

  private async fetchByIds(q: Queryable, ids: readonly string[]): Promise<Map<string, StoredStatement>> {
    const out = new Map<string, StoredStatement>();
    const parsed = [...new Set(ids)].map(parseStatementId).filter((p): p is [string, number] => p !== null);
    for (const part of chunks(parsed, 20_000)) {
      const rows = await q.query<StatementRow>(
        `SELECT ${STATEMENT_COLUMNS} FROM unnest($1::text[], $2::int[]) AS want(a, o)
         JOIN statements s ON s.article_id = want.a AND s.ordinal = want.o
         LEFT JOIN speakers sp ON sp.id = s.speaker_id`,
        [part.map((p) => p[0]), part.map((p) => p[1])],
      );
      for (const r of rows) {
        const s = toStatement(r);
        out.set(s.id, s);
      }
    }
    return out;
  }

  /**
   * Every statement in (article id, ordinal) order, by keyset pagination on the primary key: each
   * page is an index range scan, however deep. Read currentSeq() before iterating and follow with
   * changesSince(it): changes made meanwhile are then applied twice, never missed.
   */
  async *iterateStatements(batchSize = 1000): AsyncIterable<StoredStatement[]> {
    const size = Math.max(1, Math.floor(batchSize));
    const page = Math.max(size, this.iteratePageRows);
    let after: [string, number] | null = null;
    for (;;) {
      const batch: StoredStatement[] = after
        ? await this.selectStatements(this.db, 'WHERE (s.article_id, s.ordinal) > ($1, $2)', [after[0], after[1], page], 'LIMIT $3')
        : await this.selectStatements(this.db, '', [page], 'LIMIT $1');
      if (!batch.length) return;
      for (let i = 0; i < batch.length; i += size) yield batch.slice(i, i + size);
      const last = batch[batch.length - 1]!;
      after = [last.articleId, last.ordinal];
      if (batch.length < page) return;
    }
  }

  // ── clusters and speakers ───────────────────────────────────────────────────────────────────

  async getCluster(clusterId: string): Promise<ClusterMember[]> {
    return (await this.getClusters([clusterId])).get(clusterId) ?? [];
  }

  async getClusters(clusterIds: readonly string[]): Promise<Map<string, ClusterMember[]>> {
    const out = new Map<string, ClusterMember[]>();
    const ids = [...new Set(clusterIds)];
    if (!ids.length) return out;
    const rows: ClusterRow[] = [];
    for (const part of chunks(ids, 1000)) {
      rows.push(
        ...(await this.db.query<ClusterRow>(
          // Every statement of the clusters (by the cluster index), in the order that picks each
          // text's representative first: the copy with a URL, then the smallest article id.
          `SELECT s.cluster_id, s.article_id, s.ordinal, a.outlet, a.published, a.ingested_at, a.text_hash, sp.name AS speaker
           FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
           WHERE ${part.length === 1 ? 's.cluster_id = $1' : 's.cluster_id = ANY($1::text[])'}
           ORDER BY s.cluster_id, a.text_hash, (a.url IS NULL), s.article_id, s.ordinal`,
          [part.length === 1 ? part[0] : part],
        )),
      );
    }
    const byCluster = new Map<string, ClusterRow[]>();
    for (const r of rows) {
      const list = byCluster.get(r.cluster_id) ?? [];
      list.push(r);
      byCluster.set(r.cluster_id, list);
    }
    for (const id of ids) out.set(id, clusterMembers(byCluster.get(id) ?? []));
    return out;
  }

  async clusterSizes(): Promise<Map<string, number>> {
    // Only clusters where some member is labelled by another statement can span articles; that
    // narrows the grouping to a small part of the table.
    const rows = await this.db.query<{ cluster_id: string; n: number }>(
      `SELECT s.cluster_id, count(DISTINCT a.text_hash)::int AS n FROM statements s JOIN articles a ON a.id = s.article_id
       WHERE s.cluster_id IN (SELECT cluster_id FROM statements WHERE cluster_id <> article_id || ':' || ordinal)
       GROUP BY s.cluster_id HAVING count(DISTINCT a.text_hash) > 1`,
    );
    return new Map(rows.map((r) => [r.cluster_id, Number(r.n)]));
  }

  private async sizesOf(q: Queryable, clusters: readonly string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>(clusters.map((c) => [c, 0]));
    for (const part of chunks(clusters, this.engine === 'pglite' ? 2 * this.writeChunkRows : 20_000)) {
      await yieldToLoop();
      const rows = await q.query<{ cluster_id: string; n: number }>(
        `SELECT s.cluster_id, count(DISTINCT a.text_hash)::int AS n FROM statements s JOIN articles a ON a.id = s.article_id
         WHERE s.cluster_id = ANY($1::text[]) GROUP BY s.cluster_id`,
        [part],
      );
      for (const r of rows) sizes.set(r.cluster_id, Number(r.n));
    }
    return sizes;
  }

  async speakers(): Promise<SpeakerInfo[]> {
    const groups = await speakerGroups(this.db);
    const rows = await this.db.query<{ id: number | string; name: string; aliases: string[] | null; n: number }>(
      `SELECT sp.id, sp.name, sp.statement_count AS n,
         array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias <> sp.name) AS aliases
       FROM speakers sp LEFT JOIN speaker_aliases a ON a.speaker_id = sp.id
       WHERE sp.statement_count > 0
       GROUP BY sp.id, sp.name, sp.statement_count
       ORDER BY sp.statement_count DESC, sp.name`,
    );
    return rows.map((r) => {
      const members = groups.get(Number(r.id));
      return { name: r.name, aliases: r.aliases ?? [], statements: Number(r.n), ...(members ? { members } : {}) };
    });
  }

  async speakersWithRole(role: string, limit: number): Promise<SpeakerRole[]> {
    const like = `% ${role.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
    // The speakers' role lists (migration 011), not their statements: a few thousand short rows.
    // Whole words: ' ' || role || ' ' holds ' president ' ("US president", "president of France").
    // The most quoted first; the role shown is the first of theirs that fits.
    const rows = await this.db.query<{ name: string; role: string; n: number }>(
      `SELECT sp.name, min(r) AS role, sp.statement_count AS n
       FROM speakers sp, unnest(sp.roles) AS r
       WHERE sp.statement_count > 0 AND ' ' || lower(r) || ' ' LIKE $1
       GROUP BY sp.id, sp.name, sp.statement_count ORDER BY n DESC, sp.name LIMIT $2`,
      [like, limit],
    );
    return rows.map((r) => ({ name: r.name, role: r.role, statements: Number(r.n) }));
  }

  // ── change feed ─────────────────────────────────────────────────────────────────────────────

  async changesSince(since: number): Promise<ChangeBatch> {
    return this.db.transaction(async (tx) => {
      if (this.engine === 'postgres') await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const rows = await tx.query<{
        seq: number | string;
        article_id: string | null;
        touched: string[];
        removed: string[];
        clusters: string[];
      }>('SELECT seq, article_id, touched, removed, clusters FROM changes WHERE seq > $1 ORDER BY seq', [since]);
      if (!rows.length) {
        const cur = await tx.query<{ seq: number | string | null }>('SELECT max(seq) AS seq FROM changes');
        return { seq: Number(cur[0]?.seq ?? 0), upserted: [], removed: [], clusterSizes: new Map() };
      }
      const articles = new Set<string>();
      const touched = new Set<string>();
      const removed = new Set<string>();
      const clusters = new Set<string>();
      for (const r of rows) {
        if (r.article_id) articles.add(r.article_id);
        for (const id of r.touched) touched.add(id);
        for (const id of r.removed) removed.add(id);
        for (const c of r.clusters) clusters.add(c);
      }
      const upserted: StoredStatement[] = [];
      // Read in pages with a turn of the event loop before each: a long article's 5,000
      // statements as one document held PGlite's (the bot's) thread for 0.2-0.35 s.
      const pageRows = this.engine === 'pglite' ? 4 * this.writeChunkRows : PAGE_ROWS;
      for (const part of chunks([...articles], 5000)) {
        let after: [string, number] = ['', -1];
        for (;;) {
          await yieldToLoop();
          const page = await this.selectStatements(
            tx,
            'WHERE s.article_id = ANY($1::text[]) AND (s.article_id, s.ordinal) > ($2, $3)',
            [part, after[0], after[1], pageRows],
            'LIMIT $4',
          );
          for (const st of page) upserted.push(st);
          if (page.length < pageRows) break;
          const last = page[page.length - 1]!;
          after = [last.articleId, last.ordinal];
        }
      }
      const outside = [...touched].filter((id) => !articles.has(parseStatementId(id)?.[0] ?? ''));
      if (outside.length) for (const st of (await this.fetchByIds(tx, outside)).values()) upserted.push(st);
      const present = new Set(upserted.map((s) => s.id));
      for (const s of upserted) clusters.add(s.clusterId);
      return {
        seq: Number(rows[rows.length - 1]!.seq),
        upserted,
        removed: [...removed].filter((id) => !present.has(id)),
        clusterSizes: await this.sizesOf(tx, [...clusters]),
      };
    });
  }

  async currentSeq(): Promise<number> {
    const r = await this.db.query<{ seq: number | string | null }>('SELECT max(seq) AS seq FROM changes');
    return Number(r[0]?.seq ?? 0);
  }

  onChange(listener: (seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ── digests ─────────────────────────────────────────────────────────────────────────────────

  addSubscription(sub: NewSubscription): Promise<Subscription> {
    return digests.addSubscription(this.db, this.now, sub);
  }

  removeSubscription(id: number): Promise<boolean> {
    return digests.removeSubscription(this.db, id);
  }

  listSubscriptions(filter: { platform?: Platform; channelId?: string } = {}): Promise<Subscription[]> {
    return digests.listSubscriptions(this.db, filter);
  }

  claimDigestSlot(subscriptionId: number, slot: Date): Promise<boolean> {
    return digests.claimDigestSlot(this.db, this.now, subscriptionId, slot);
  }

  recordDigestRun(run: DigestRunResult): Promise<void> {
    return digests.recordDigestRun(this.db, this.now, run);
  }

  lastDigestRun(subscriptionId: number, opts: { postedOnly?: boolean } = {}): Promise<DigestRun | null> {
    return digests.lastDigestRun(this.db, subscriptionId, opts);
  }

  /** Claims since the table was last pruned of expired ones. */
  private claimsSincePrune = 0;

  async claimEvent(key: string, ttlMs: number): Promise<boolean> {
    const first = await claimEvent(this.db, this.now, key, ttlMs);
    if (++this.claimsSincePrune >= EVENT_PRUNE_EVERY) {
      this.claimsSincePrune = 0;
      await pruneEventClaims(this.db, this.now, ttlMs);
    }
    return first;
  }

  /** States saved since the table was last pruned of expired ones. */
  private statesSincePrune = 0;

  async saveInteractionState(key: string, state: unknown, ttlMs: number): Promise<void> {
    await saveInteractionState(this.db, this.now, key, state, ttlMs);
    if (++this.statesSincePrune >= STATE_PRUNE_EVERY) {
      this.statesSincePrune = 0;
      await pruneInteractionStates(this.db, this.now);
    }
  }

  loadInteractionState(key: string): Promise<unknown> {
    return loadInteractionState(this.db, this.now, key);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.unlisten) await this.unlisten().catch(() => undefined);
    await this.db.close();
    await this.onClose();
  }
}

interface ClusterRow {
  cluster_id: string;
  article_id: string;
  ordinal: number;
  outlet: string | null;
  published: string | null;
  ingested_at: Date | string;
  text_hash: string;
  speaker: string | null;
}

/**
 * One member per distinct text, earliest first: the same page stored from a file and from its
 * URL, or one wire story printed by several sites, is one report. The other articles with that
 * text are kept as its copies (their first statement in the cluster), so the answer can say who
 * carried it. `rows` come in representative-first order (getClusters' ORDER BY).
 */
function clusterMembers(rows: readonly ClusterRow[]): ClusterMember[] {
  const when = (r: ClusterRow): number => {
    const p = r.published ? Date.parse(r.published) : Number.NaN;
    return Number.isNaN(p) ? Date.parse(iso(r.ingested_at)) : p;
  };
  const byTime = (a: ClusterRow, b: ClusterRow): number =>
    when(a) - when(b) || iso(a.ingested_at).localeCompare(iso(b.ingested_at)) || a.article_id.localeCompare(b.article_id);
  const texts = new Map<string, { first: ClusterRow; copies: Map<string, ClusterRow> }>();
  for (const r of rows) {
    const t = texts.get(r.text_hash);
    if (!t) texts.set(r.text_hash, { first: r, copies: new Map() });
    else if (r.article_id !== t.first.article_id && !t.copies.has(r.article_id)) t.copies.set(r.article_id, r);
  }
  return [...texts.values()]
    .sort((a, b) => byTime(a.first, b.first))
    .map(({ first: r, copies }) => ({
      statementId: statementId(r.article_id, Number(r.ordinal)),
      articleId: r.article_id,
      speaker: r.speaker,
      outlet: r.outlet,
      published: r.published,
      ingestedAt: iso(r.ingested_at),
      copies: [...copies.values()]
        .sort(byTime)
        .map((c) => ({ statementId: statementId(c.article_id, Number(c.ordinal)), articleId: c.article_id, outlet: c.outlet })),
    }));
}

interface ArticleInfoRow {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  source: string;
  ingested_at: Date | string;
  statement_count: number;
  text_changed_at: Date | string | null;
}

function articleInfo(r: ArticleInfoRow): StoredArticleInfo {
  return {
    id: r.id,
    title: r.title,
    outlet: r.outlet,
    url: r.url,
    published: r.published,
    source: r.source,
    ingestedAt: iso(r.ingested_at),
    statements: Number(r.statement_count),
    textChangedAt: r.text_changed_at === null ? null : iso(r.text_changed_at),
  };
}

/** What a write compares a new version with: the stored version(s) it replaces. */
interface PreviousVersion {
  text_hash: string;
  title: string;
  text_changed_at: Date | string | null;
}

interface RemovedStatement {
  id: string;
  ordinal: number;
  clusterId: string;
  text: string;
  changedAt: string | null;
}

/**
 * When the text of this version last changed: now when its text or title differs from every
 * version it replaces (a correction), else the time the replaced version carries (a newer
 * extractor re-storing the same text, or a metadata fix, is no correction). Null for a new article.
 * `text_hash` is md5 of the body, as the database computes it (UTF-8 bytes).
 */
function versionChangedAt(article: Article, prev: readonly PreviousVersion[], now: string): string | null {
  if (!prev.length) return null;
  const hash = createHash('md5').update(article.text, 'utf8').digest('hex');
  const same = prev.filter((p) => p.text_hash === hash && p.title === article.title);
  if (!same.length) return now;
  const times = same.map((p) => (p.text_changed_at === null ? null : iso(p.text_changed_at))).filter((t): t is string => t !== null);
  return times.length ? times.sort().at(-1)! : null;
}
