/**
 * Start-up from the store to ready (issue 8: "with 1M statements in the store ≤ 20 s, from a
 * persisted index, not a rebuild").
 *
 *   import { measureStoreStartup, type StartupResult } from './startup.js';
 *   const r: StartupResult = await measureStoreStartup({ size: 100_000 });
 *
 *   measureStoreStartup(opts: {
 *     size: number;            // statements in the store (the benchmark's synthetic corpus, same seed)
 *     cacheDir?: string;       // default bench/.cache; the store lives in <cacheDir>/store-<size>
 *                              //   (PGlite under …/db, the saved index under …/index, as in DATA_DIR)
 *     databaseUrl?: string;    // default process.env.DATABASE_URL: PostgreSQL instead of PGlite
 *                              //   (the database must hold only this benchmark's corpus)
 *     catchUp?: number;        // statements added to the store after the index was saved (default 1000)
 *     queries?: string[];      // also time these through the bot's whole search path (corpus_search)
 *     log?: (line: string) => void;  // progress lines (default: stderr)
 *   }): Promise<StartupResult>
 *
 * Every step runs in a child process of its own (fresh heap, its own RSS; `--max-old-space-size`
 * raised for the big ones):
 *  1. fill (once, cached): the synthetic articles and their statements go into a real store through
 *     its bulk path (`Store.upsertArticles`, 100 articles per transaction); then the corpus runtime
 *     builds its index from the store (a rebuild, timed: `rebuild_s`) and saves it with the store's
 *     change-feed sequence on close — exactly the files the bot keeps under DATA_DIR. A store filled
 *     part way (interrupted) is completed on the next call.
 *  2. `ready`: a fresh process opens the store and the corpus runtime as the bot does
 *     (`src/dispatch/services.ts` openServices: openStore → createCorpus({ store, indexDir }) →
 *     syncDataDir(dataDir)), then answers one search. Timed per stage.
 *  3. `catch_up`: `catchUp` new statements are stored (another process, as an ingest would), then
 *     step 2 again: the runtime restores the saved index and applies the change feed. That process
 *     closes the corpus, which saves the index, so the next call starts in step again (the store
 *     keeps growing by `catchUp` statements per call: `statements_in_store` says how many).
 *
 *  4. `corpus_search` (when `queries` are given): a fresh process opens the store as in step 2 and
 *     runs every query through `CorpusRuntime.search` with a page of 5, the path `/quote`, the
 *     console and `search --stdin --json` take: the index asked for 200 candidates, the word-by-word
 *     widening when too few results have every word, ranking, the store's statements and each
 *     result's corroboration. Ten queries warm it up first, as a running bot is.
 *
 * Result (seconds unless named otherwise; RSS of the measured process):
 *   StartupResult = {
 *     size, engine: 'pglite' | 'postgres', statements_in_store,
 *     fill: { cached: boolean, statements: number, s: number | null, statements_per_s: number | null,
 *             rebuild_s: number | null },
 *     ready: StartupRun, catch_up: StartupRun & { added_statements: number, add_s: number },
 *     load_average: number }
 *   StartupRun = { restored: boolean (the saved index was used, not rebuilt), open_store_s,
 *     load_index_s, corpus_s (createCorpus: load + catch up on the feed), ready_s (store opened,
 *     index restored and caught up: searches can run), first_search_ms, sync_data_dir_s
 *     (the start-up summary: data/ folder and corpus counts), total_s (ready_s + first search +
 *     sync_data_dir_s), process_s (from process start, module loading included), rss_ready_mb
 *     (when ready), rss_mb and heap_mb (at the end, after syncDataDir), save_s (the index saved
 *     on close: catch-up run only, else 0), rss_peak_mb (the process's highest RSS, that save
 *     included: saving must not need much more than the bot holds), index_size, hits }
 *
 * CLI: `node --import tsx bench/startup.ts --size 100000 [--catch-up 1000] [--json]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import type { IndexedStatement } from '../src/search/types.js';
import { benchCacheDir, generateArticles } from './corpus.js';

export interface StartupOptions {
  size: number;
  cacheDir?: string;
  databaseUrl?: string;
  catchUp?: number;
  queries?: readonly string[];
  log?: (line: string) => void;
}

export interface StartupRun {
  restored: boolean;
  open_store_s: number;
  load_index_s: number;
  corpus_s: number;
  ready_s: number;
  first_search_ms: number;
  sync_data_dir_s: number;
  total_s: number;
  process_s: number;
  /** RSS when ready (store open, index restored and caught up), and after the first search and syncDataDir. */
  rss_ready_mb: number;
  rss_mb: number;
  heap_mb: number;
  /** The index saved on close (catch-up run; 0 when not saved), and the process's highest RSS, that save included. */
  save_s: number;
  rss_peak_mb: number;
  index_size: number;
  hits: number;
}

export interface StartupResult {
  size: number;
  engine: 'pglite' | 'postgres';
  statements_in_store: number;
  fill: { cached: boolean; statements: number; s: number | null; statements_per_s: number | null; rebuild_s: number | null };
  ready: StartupRun;
  catch_up: StartupRun & { added_statements: number; add_s: number };
  /** Per query through the bot's search path (step 4), in ms: wall and CPU time. */
  corpus_search?: CorpusSearchRun;
  load_average: number;
}

export interface CorpusSearchRun {
  queries: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  cpu_p50_ms: number;
  cpu_p99_ms: number;
  /** Queries that found at least one result. */
  answered: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes: number) => Math.round(bytes / 1e6);

export async function measureStoreStartup(opts: StartupOptions): Promise<StartupResult> {
  const size = opts.size;
  if (!Number.isInteger(size) || size < 100) throw new Error('size must be an integer ≥ 100');
  const cacheDir = resolve(opts.cacheDir ?? benchCacheDir());
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? '';
  const dataDir = join(cacheDir, `store-${size}${databaseUrl ? '-pg' : ''}`);
  mkdirSync(dataDir, { recursive: true });
  const catchUp = opts.catchUp ?? 1000;
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  // Enough heap for a million statements during the fill's rebuild; the measured runs get the
  // same limit so nothing is cut short (their RSS is what they use, not the limit).
  const heap = size > 200_000 ? 12_000 : 4_000;
  const common = { dataDir, databaseUrl, size, heap, log };

  log(`start-up from the store: ${size.toLocaleString('en')} statements, ${databaseUrl ? 'PostgreSQL' : 'PGlite'} in ${dataDir}`);
  const fill = child<FillOutput>(common, ['--fill']);
  if (fill.cached) log('store and saved index cached');
  else log(`store filled with ${fill.statements} statements in ${round(fill.s ?? 0, 1)} s; index rebuilt from the store in ${round(fill.rebuild_s ?? 0, 1)} s`);

  const ready = child<StartupRun>(common, ['--start']);
  log(`ready (index in step with the store): ${round(ready.ready_s)} s, first search ${round(ready.first_search_ms, 1)} ms, syncDataDir ${round(ready.sync_data_dir_s, 1)} s, RSS ${ready.rss_ready_mb} MB ready / ${ready.rss_mb} MB after`);
  const added = child<{ added: number; s: number; total: number }>(common, ['--add', String(catchUp)]);
  const catchUpRun = child<StartupRun>(common, ['--start', '--save']);
  log(`ready after ${added.added} new statements: ${round(catchUpRun.ready_s)} s, syncDataDir ${round(catchUpRun.sync_data_dir_s, 1)} s, RSS ${catchUpRun.rss_ready_mb} MB ready / ${catchUpRun.rss_mb} MB after; index saved in ${round(catchUpRun.save_s, 1)} s, peak RSS ${catchUpRun.rss_peak_mb} MB`);

  let corpusSearch: CorpusSearchRun | undefined;
  if (opts.queries?.length) {
    const file = join(dataDir, 'bench-queries.json');
    writeFileSync(file, JSON.stringify(opts.queries));
    corpusSearch = child<CorpusSearchRun>(common, ['--search', file]);
    log(`the bot's search path (${corpusSearch.queries} queries, page of 5): p50 ${round(corpusSearch.p50_ms, 1)} ms, p95 ${round(corpusSearch.p95_ms, 1)} ms, p99 ${round(corpusSearch.p99_ms, 1)} ms (CPU p50 ${round(corpusSearch.cpu_p50_ms, 1)}, p99 ${round(corpusSearch.cpu_p99_ms, 1)})`);
  }

  return {
    size,
    engine: databaseUrl ? 'postgres' : 'pglite',
    statements_in_store: added.total,
    fill: {
      cached: fill.cached,
      statements: fill.statements,
      s: fill.s === null ? null : round(fill.s),
      statements_per_s: fill.s ? Math.round(fill.added / fill.s) : null,
      rebuild_s: fill.rebuild_s === null ? null : round(fill.rebuild_s),
    },
    ready: roundRun(ready),
    catch_up: { ...roundRun(catchUpRun), added_statements: added.added, add_s: round(added.s) },
    ...(corpusSearch ? { corpus_search: corpusSearch } : {}),
    load_average: round(os.loadavg()[0]!, 1),
  };
}

function roundRun(r: StartupRun): StartupRun {
  const out = { ...r };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'number' && !k.endsWith('_mb') && k !== 'index_size' && k !== 'hits') (out as Record<string, unknown>)[k] = round(v, 3);
  return out;
}

interface Common {
  dataDir: string;
  databaseUrl: string;
  size: number;
  heap: number;
  log: (line: string) => void;
}

/** Runs this file in a fresh process in one mode; its last stdout line is the JSON result. */
function child<T>(c: Common, mode: string[]): T {
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${c.heap}`, ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), SELF, '--child', '--data-dir', c.dataDir, '--size', String(c.size), ...mode],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DATABASE_URL: c.databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    },
  );
  if (r.status !== 0) throw new Error(`start-up benchmark step ${mode.join(' ')} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

// ------------------------------------------------------------------ the child processes

interface FillOutput {
  cached: boolean;
  statements: number;
  added: number;
  s: number | null;
  rebuild_s: number | null;
}

/** A synthetic article and its statements as the extractor would hand them to the store. */
export function toStored(a: { article: Omit<Article, 'contentHash' | 'source'>; statements: IndexedStatement[] }, idPrefix = ''): {
  article: Article;
  statements: Statement[];
} {
  const id = idPrefix + a.article.id;
  const text = a.statements.map((s) => s.text).join('\n');
  let at = 0;
  const statements = a.statements.map((s, i): Statement => {
    const start = at;
    at += s.text.length + 1;
    return {
      text: s.text,
      kind: s.kind,
      quote: s.quote,
      speaker: s.speaker,
      speakerMention: s.speaker,
      speakerRole: null,
      outlet: s.outlet,
      cue: s.kind === 'statement' ? null : 'said',
      start,
      end: start + s.text.length,
      paragraph: i,
    };
  });
  return {
    article: { ...a.article, id, url: a.article.url ? a.article.url + idPrefix : null, text, source: `synthetic/${id}`, contentHash: `synthetic-${id}` },
    statements,
  };
}

async function openBenchStore(dataDir: string) {
  const { openStore } = await import('../src/store/index.js');
  const databaseUrl = process.env.DATABASE_URL;
  return openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
}

const indexFile = (dataDir: string) => join(dataDir, 'index', 'statements.json');

async function fillMode(dataDir: string, size: number): Promise<FillOutput> {
  const store = await openBenchStore(dataDir);
  try {
    const have = await store.countStatements();
    if (have >= size && existsSync(indexFile(dataDir))) return { cached: true, statements: have, added: 0, s: null, rebuild_s: null };
    let t = performance.now();
    let added = 0;
    if (have < size) {
      // Resumes an interrupted fill: articles are deterministic, so the first `have` statements are stored.
      let made = 0;
      let batch: Array<{ article: Article; statements: Statement[] }> = [];
      let lastLog = performance.now();
      for (const a of generateArticles({ size })) {
        made += a.statements.length;
        if (made <= have) continue;
        batch.push(toStored(a));
        if (batch.length === 100) {
          await store.upsertArticles!(batch);
          added += batch.reduce((s, b) => s + b.statements.length, 0);
          batch = [];
          if (performance.now() - lastLog > 15_000) {
            lastLog = performance.now();
            const rate = added / ((lastLog - t) / 1000);
            process.stderr.write(`  filled ${have + added} of ${size} statements (${Math.round(rate)}/s)\n`);
          }
        }
      }
      if (batch.length) {
        await store.upsertArticles!(batch);
        added += batch.reduce((s, b) => s + b.statements.length, 0);
      }
    }
    const fillS = (performance.now() - t) / 1000;
    // The index the bot would build at its first start, saved with the store's sequence on close.
    const { createCorpus } = await import('../src/corpus/index.js');
    t = performance.now();
    const corpus = await createCorpus({ store, indexDir: join(dataDir, 'index') });
    const rebuildS = (performance.now() - t) / 1000;
    await corpus.close();
    return { cached: false, statements: await store.countStatements(), added, s: added ? fillS : null, rebuild_s: rebuildS };
  } finally {
    await store.close();
  }
}

async function addMode(dataDir: string, count: number): Promise<{ added: number; s: number; total: number }> {
  const store = await openBenchStore(dataDir);
  try {
    const run = `catchup-${Date.now().toString(36)}-`;
    const batch = [...generateArticles({ size: count, seed: 4242 })].map((a) => toStored(a, run));
    const t = performance.now();
    for (let i = 0; i < batch.length; i += 100) await store.upsertArticles!(batch.slice(i, i + 100));
    const s = (performance.now() - t) / 1000;
    return { added: batch.reduce((n, b) => n + b.statements.length, 0), s, total: await store.countStatements() };
  } finally {
    await store.close();
  }
}

async function startMode(dataDir: string, save: boolean): Promise<StartupRun> {
  // What openServices does (src/dispatch/services.ts), step by step so each step is timed.
  const { createCorpus } = await import('../src/corpus/index.js');
  const { fileIndexPersistence } = await import('../src/corpus/persist.js');
  const t0 = performance.now();
  const store = await openBenchStore(dataDir);
  const tStore = performance.now();
  // The persistence createCorpus({ indexDir }) makes, wrapped only to time the load and see whether it was used.
  const files = fileIndexPersistence(indexFile(dataDir));
  let loadS = 0;
  let restored = false;
  const corpus = await createCorpus({
    store,
    persistence: {
      async load() {
        const t = performance.now();
        const r = await files.load();
        loadS = (performance.now() - t) / 1000;
        restored = r !== null;
        return r;
      },
      save: (index, seq, counts) => files.save(index, seq, counts),
    },
  });
  const tCorpus = performance.now();
  const rssReady = process.memoryUsage().rss;
  // A rebuild after a mismatch replaces the loaded index; the size check tells.
  restored = restored && corpus.indexSize === (await store.countStatements());
  const tReady = performance.now();
  const page = await corpus.search('minister said the report', { limit: 5 });
  const tSearch = performance.now();
  await corpus.syncDataDir(dataDir);
  const tSync = performance.now();
  const mem = process.memoryUsage();
  const run: StartupRun = {
    restored,
    open_store_s: (tStore - t0) / 1000,
    load_index_s: loadS,
    corpus_s: (tCorpus - tStore) / 1000,
    ready_s: (tCorpus - t0) / 1000,
    first_search_ms: tSearch - tReady,
    sync_data_dir_s: (tSync - tSearch) / 1000,
    total_s: (tCorpus - t0 + tSync - tReady) / 1000,
    process_s: tSync / 1000,
    rss_ready_mb: mb(rssReady),
    rss_mb: mb(mem.rss),
    heap_mb: mb(mem.heapUsed),
    save_s: 0,
    rss_peak_mb: 0,
    index_size: corpus.indexSize,
    hits: page.results.length,
  };
  if (save) {
    const t = performance.now();
    await corpus.close();
    run.save_s = (performance.now() - t) / 1000;
  }
  run.rss_peak_mb = Math.round(process.resourceUsage().maxRSS / 1e3);
  await store.close();
  return run;
}

async function searchMode(dataDir: string, queriesFile: string): Promise<CorpusSearchRun> {
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as string[];
  const { createCorpus } = await import('../src/corpus/index.js');
  const store = await openBenchStore(dataDir);
  const corpus = await createCorpus({ store, indexDir: join(dataDir, 'index') });
  for (const q of queries.slice(0, 10)) await corpus.search(q, { limit: 5 });
  const wall: number[] = [];
  const cpu: number[] = [];
  let answered = 0;
  for (const q of queries) {
    const c = process.cpuUsage();
    const t = performance.now();
    const page = await corpus.search(q, { limit: 5 });
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (page.results.length) answered++;
  }
  await store.close();
  const at = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0, 3);
  };
  return { queries: queries.length, p50_ms: at(wall, 0.5), p95_ms: at(wall, 0.95), p99_ms: at(wall, 0.99), cpu_p50_ms: at(cpu, 0.5), cpu_p99_ms: at(cpu, 0.99), answered };
}

async function childMain(argv: string[]): Promise<void> {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dataDir = get('--data-dir')!;
  const size = Number(get('--size'));
  let out: unknown;
  if (argv.includes('--fill')) out = await fillMode(dataDir, size);
  else if (argv.includes('--add')) out = await addMode(dataDir, Number(get('--add')));
  else if (argv.includes('--search')) out = await searchMode(dataDir, get('--search')!);
  else out = await startMode(dataDir, argv.includes('--save'));
  process.stdout.write(JSON.stringify(out) + '\n');
  // PGlite and pg leave nothing that must finish: do not wait on stray handles.
  process.exit(0);
}

const argv = process.argv.slice(2);
if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const run = argv.includes('--child')
    ? childMain(argv)
    : (async () => {
        const get = (name: string): string | undefined => {
          const i = argv.indexOf(name);
          return i >= 0 ? argv[i + 1] : undefined;
        };
        const r = await measureStoreStartup({ size: Number(get('--size') ?? 10_000), catchUp: Number(get('--catch-up') ?? 1000) });
        process.stdout.write(argv.includes('--json') ? JSON.stringify(r) + '\n' : JSON.stringify(r, null, 2) + '\n');
      })();
  run.catch((err: unknown) => {
    process.stderr.write(`startup bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
