/**
 * Measures what ANALYZE costs the event loop on a PGlite store (PGlite runs in this thread, so
 * an ANALYZE is one stall): each table's ANALYZE, the statements table's by column, and the
 * statements table at a few statistics targets, a few runs each. A script, not a test:
 *
 *   node --import tsx bench/store-analyze.ts <data dir holding db/> [runs=3] [all|tables|columns|targets|plans] [targets=100,25,10]
 *
 * `plans` runs the store's own ANALYZE at each target (the longest gap a 1 ms timer saw is its
 * longest stall) and then times the reads the bot makes, to see the plans stay good.
 *
 * Point it at a COPY of a big store (it writes statistics into it): e.g.
 *   cp -a bench/.cache/corpus-v2/store-1000000 /tmp/s1m && node --import tsx bench/store-analyze.ts /tmp/s1m
 * The first open may run migrations and the store's start-up corrections.
 */
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/store/index.js';
import type { SqlStore } from '../src/store/sql-store.js';

interface Db {
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  exec(sql: string): Promise<void>;
}

const dir = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!dir) {
  console.error('usage: node --import tsx bench/store-analyze.ts <data dir> [runs]');
  process.exit(2);
}

async function timed(db: Db, sql: string): Promise<number> {
  const t0 = performance.now();
  await db.exec(sql);
  return performance.now() - t0;
}

async function series(db: Db, label: string, sql: string): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timed(db, sql));
  console.log(`${label.padEnd(48)} ${ms.map((m) => m.toFixed(0).padStart(6)).join(' ')} ms`);
}

const t0 = performance.now();
const store = (await openStore({ dataDir: dir })) as SqlStore;
console.log(`open ${(performance.now() - t0).toFixed(0)} ms (engine ${store.engine})`);
const db = (store as unknown as { db: Db }).db;
const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM statements');
const n = count?.n ?? 0;
console.log(`statements: ${n}`);

const which = process.argv[4] ?? 'all';
const tables = await db.query<{ name: string }>(
  "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
);
if (which === 'all' || which === 'tables') {
  for (const t of tables) await series(db, `ANALYZE ${t.name}`, `ANALYZE ${t.name}`);
}
if (which === 'all' || which === 'columns') {
  const cols = await db.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'statements' ORDER BY ordinal_position",
  );
  for (const c of cols) await series(db, `ANALYZE statements (${c.name})`, `ANALYZE statements (${c.name})`);
}
if (which === 'all' || which === 'targets') {
  for (const target of [100, 50, 25, 10]) {
    await db.exec(`SET default_statistics_target = ${target}`);
    await series(db, `ANALYZE statements, target ${target}`, 'ANALYZE statements');
  }
  await db.exec('RESET default_statistics_target');
}
if (which === 'plans') {
  // The store's own ANALYZE (a table at a time, each its stall) at several targets, and after each
  // what the planner then makes of the reads the bot makes: min of `runs` per query.
  const clusters = (
    await db.query<{ c: string }>('SELECT cluster_id AS c FROM statements TABLESAMPLE SYSTEM (0.2) REPEATABLE (7) WHERE quote IS NOT NULL LIMIT 200')
  ).map((r) => r.c);
  const big = (
    await db.query<{ c: string }>(
      'SELECT cluster_id AS c FROM statements WHERE quote IS NOT NULL GROUP BY cluster_id ORDER BY count(*) DESC LIMIT 5',
    )
  ).map((r) => r.c);
  const articleIds = (await db.query<{ id: string }>('SELECT id FROM articles TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT 100')).map((r) => r.id);
  const recent = new Date(Date.now() - 365 * 86_400_000);
  console.log(`${clusters.length} sampled clusters, 5 largest, ${articleIds.length} articles`);
  const sql = store as unknown as { statisticsTarget: number; analyze(): Promise<void> };
  for (const target of (process.argv[5] ?? '100,25,10').split(',').map(Number)) {
    sql.statisticsTarget = target;
    const t0 = performance.now();
    // Time each table's ANALYZE through the store's own path: the gap between two yields.
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    await sql.analyze();
    clearInterval(timer);
    const total = performance.now() - t0;
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['getCluster x200 (sampled)', async () => { for (const c of clusters) await store.getCluster(c); }],
      ['getCluster x5 (largest)', async () => { for (const c of big) await store.getCluster(c); }],
      ['getClusters 40 x5', async () => { for (let i = 0; i < 200; i += 40) await store.getClusters(clusters.slice(i, i + 40)); }],
      ['getStatements x100', async () => { for (const a of articleIds) await store.getStatements(a); }],
      ['textCopies 100', () => store.textCopies(articleIds)],
      ['listArticles since, 500', () => store.listArticles({ since: recent, limit: 500 })],
      ['speakersWithRole president', () => store.speakersWithRole('president', 10)],
      // A write: the quote-key and cluster lookups of 250 new quotes (some of stored ones), then its removal.
      ['upsert+delete 500 statements', async () => {
        const stored = await store.getStatements(articleIds[0]!);
        const statements = Array.from({ length: 500 }, (_, i) => {
          const q = i % 2 === 0 ? (stored[i % Math.max(1, stored.length)]?.quote ?? null) ?? `made up words number ${i} for the bench` : null;
          const text = q ? `"${q}," Bench Person said.` : `Plain sentence ${i} of the bench.`;
          return {
            text, kind: q ? ('direct' as const) : ('statement' as const), quote: q, speaker: q ? 'Bench Person' : null,
            speakerMention: null, speakerRole: null, outlet: null, cue: q ? 'said' : null, start: 0, end: text.length, paragraph: i,
          };
        });
        const text = statements.map((x) => x.text).join('\n');
        await store.upsertArticle(
          { id: 'bench-analyze', title: 'Bench', outlet: 'Bench', url: null, published: null, author: null, text, source: 'bench', contentHash: `bench-${Math.random()}`, sourceKey: null },
          statements,
        );
        await store.deleteArticle('bench-analyze');
      }],
    ];
    const out: string[] = [];
    for (const [label, fn] of reads) {
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        const r0 = performance.now();
        await fn();
        best = Math.min(best, performance.now() - r0);
      }
      out.push(`${label} ${best.toFixed(1)}`);
    }
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT s.cluster_id, s.article_id FROM statements s JOIN articles a ON a.id = s.article_id
       WHERE s.cluster_id = ANY($1::text[])`,
      [clusters.slice(0, 40)],
    );
    console.log(`target ${target}: analyse all ${total.toFixed(0)} ms, longest stall ${longest.toFixed(0)} ms`);
    console.log(`  reads (ms, min of ${runs}): ${out.join(' | ')}`);
    console.log(`  plan: ${plan.map((p) => p['QUERY PLAN'].trim()).filter((l) => /Scan|Join|Loop/.test(l)).join(' / ')}`);
  }
}
if (process.argv[5] && which !== 'plans') await series(db, process.argv[5], process.argv[5]);
await store.close();
