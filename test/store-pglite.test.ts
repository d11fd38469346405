import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, StoreLockedError } from '../src/store/index.js';
import { loadMigrations } from '../src/store/migrate.js';
import { article, plain, quote, reusingEngine, storeBehaviour } from './store-suite.js';

describe('store on PGlite (in memory)', () => {
  const engine = reusingEngine(() => openStore({ memory: true }));
  afterAll(() => engine.closeAll());
  storeBehaviour(engine);
});

describe('store on PGlite (on disk)', () => {
  // One folder for the file: creating a PGlite data dir writes ~40 MB, reopening it is cheap.
  // Each test reopens it, which is what these tests are about.
  let dir: string;
  let seq: number;
  let subId: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'factbot-store-'));
    const s1 = await openStore({ dataDir: dir });
    expect(s1.engine).toBe('pglite');
    await s1.upsertArticle(article('a'), [quote('we will never abandon our allies in the region', 'H.R. McMaster')]);
    const sub = await s1.addSubscription({
      platform: 'discord', channelId: '1', cron: '0 9 * * *', schedule: 'daily 09:00', timezone: 'UTC', createdBy: 'u',
    });
    subId = sub.id;
    seq = await s1.currentSeq();
    await s1.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps everything across a reopen, under <dataDir>/db, applying migrations once', async () => {
    const s2 = await openStore({ dataDir: dir });
    try {
      expect(existsSync(join(dir, 'db', 'pgdata', 'PG_VERSION'))).toBe(true);
      expect(await s2.countStatements()).toBe(1);
      expect(await s2.currentSeq()).toBe(seq);
      expect((await s2.listSubscriptions()).map((s) => s.id)).toEqual([subId]);
      expect((await s2.speakers())[0]!.name).toBe('H.R. McMaster');
      expect((await s2.upsertArticle(article('a'), [quote('we will never abandon our allies in the region', 'H.R. McMaster')])).status).toBe('unchanged');
      const migrations = await (s2 as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db.query(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(migrations[0]!.n).toBe(loadMigrations().length);
    } finally {
      await s2.close();
    }
  });

  it('refuses a second process-level open of the same folder with a clear error', async () => {
    const s1 = await openStore({ dataDir: dir });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(StoreLockedError);
      await expect(openStore({ dataDir: dir })).rejects.toThrow(/DATABASE_URL/);
    } finally {
      await s1.close();
    }
    const s2 = await openStore({ dataDir: dir });
    try {
      expect((await s2.upsertArticle(article('b'), [plain('Still works.')])).status).toBe('added');
      await s2.deleteArticle('b');
    } finally {
      await s2.close();
    }
  });

  it('takes over a lock left by a process that is gone (or by an earlier run with our pid)', async () => {
    for (const pid of [2 ** 22 + 12345, process.pid]) {
      writeFileSync(join(dir, 'db', 'lock'), String(pid));
      const s = await openStore({ dataDir: dir });
      expect(await s.countArticles()).toBe(1);
      await s.close();
    }
  });
});

describe('planner statistics on PGlite (no autovacuum)', () => {
  it('analyses the tables once enough statements were written, and the quote lookups still cluster', async () => {
    const store = await openStore({ memory: true });
    try {
      const sql = store as unknown as { analyzeRuns: number; db: { query<R>(q: string): Promise<R[]> } };
      const batch = (from: number, n: number) =>
        Array.from({ length: n }, (_, i) => {
          const id = `bulk${from + i}`;
          return { article: article(id), statements: Array.from({ length: 50 }, (_, j) => plain(`Line ${j} of ${id}.`)) };
        });
      await store.upsertArticles!(batch(0, 40)); // 2 000 statements: below the threshold
      expect(sql.analyzeRuns).toBe(0);
      await store.upsertArticles!(batch(40, 80)); // 6 000 in all
      expect(sql.analyzeRuns).toBe(1);
      const stats = await sql.db.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'statements'");
      expect(Number(stats[0]!.n)).toBeGreaterThan(5000);
      // A small sample (statistics target 10, not 100): ANALYZE's stall on PGlite is its sample.
      const hist = await sql.db.query<{ n: number | null; distinct: number | null }>(
        "SELECT array_length(histogram_bounds, 1) AS n, n_distinct::float8 AS distinct FROM pg_stats WHERE tablename = 'statements' AND attname = 'cluster_id'",
      );
      expect(hist[0]!.n).toBe(11);
      expect(Number(hist[0]!.distinct)).toBe(-1); // all distinct: the planner knows a cluster lookup finds few rows
      // Quotes still find their cluster through the two indexed lookups.
      await store.upsertArticle(article('q1'), [quote('the harbour will reopen on the first of May', 'Ann Vale')]);
      await store.upsertArticle(article('q2'), [quote('the harbour will reopen on the first of May', 'Ann Vale')]);
      const [a, b] = [(await store.getStatements('q1'))[0]!, (await store.getStatements('q2'))[0]!];
      expect(a.clusterId).toBe(b.clusterId);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('planner statistics on PGlite at start', () => {
  it('analyses a store whose statistics are missing or a fifth out of date when it opens, and not otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factbot-analyze-'));
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const id = `bulk${from + i}`;
        return { article: article(id), statements: Array.from({ length: 50 }, (_, j) => plain(`Line ${j} of ${id}.`)) };
      });
    const open = async () => {
      const store = await openStore({ dataDir: dir });
      return { store, runs: (store as unknown as { analyzeRuns: number }).analyzeRuns };
    };
    try {
      let { store, runs } = await open();
      expect(runs).toBe(0); // empty: nothing to analyse
      await store.upsertArticles!(batch(0, 20)); // 1 000 statements: below the per-process threshold
      expect((store as unknown as { analyzeRuns: number }).analyzeRuns).toBe(0);
      await store.close();
      ({ store, runs } = await open());
      expect(runs).toBe(1); // never analysed
      await store.close();
      ({ store, runs } = await open());
      expect(runs).toBe(0); // statistics are current
      await store.upsertArticles!(batch(20, 10)); // half as many again
      await store.close();
      ({ store, runs } = await open());
      expect(runs).toBe(1);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
