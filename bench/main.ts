/**
 * `npm run bench -- [--size 10000|100000|1000000] [--json] [--fuse-sample N] [--startup-size N|0]`
 *
 * On one synthetic corpus and one fixed query set: factbot's index against plain fuse.js with the
 * same keys and options. factbot is measured in a fresh child process that starts from the
 * persisted index (so its RSS and start-up are its own); plain fuse.js runs in this process
 * (its RSS includes the corpus it indexes: fuse.js keeps the documents). Plain fuse.js scans
 * every statement per query, so at 100k and 1M it runs on a fixed sample of the queries (said in
 * the output), and speedup and recall@10 are computed on that sample.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import os from 'node:os';
import v8 from 'node:v8';
import { FastIndex, createPlainFuseIndex, loadIndex, parseQuery, saveIndex } from '../src/search/index.js';
import type { IndexedStatement } from '../src/search/types.js';
import { benchCacheDir, generateArticles, generateCorpus, makeQueries, type BenchQuery, type SyntheticCorpus } from './corpus.js';
import { exhaustiveReference } from './reference.js';
import { measureExtraction } from './extract.js';
import { measureStoreStartup } from './startup.js';

const here = dirname(fileURLToPath(import.meta.url));
const CACHE = benchCacheDir();

interface Args {
  size: number;
  json: boolean;
  fuseSample: number;
  /** Statements in the store for the start-up measurement (0: skip it). */
  startupSize: number;
  serve?: string;
  queriesFile?: string;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = Number(get('--size') ?? 10_000);
  if (!Number.isInteger(size) || size < 100) throw new Error('--size must be an integer ≥ 100');
  const defaultSample = size <= 10_000 ? 60 : size <= 100_000 ? 30 : 4;
  return {
    size,
    json: argv.includes('--json'),
    fuseSample: Number(get('--fuse-sample') ?? defaultSample),
    // The store is filled once and cached (bench/.cache/store-N): the first 1M run takes minutes more.
    startupSize: Number(get('--startup-size') ?? size),
    serve: get('--serve'),
    queriesFile: get('--queries'),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function stats(ms: number[]): { p50: number; p95: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99) };
}

const mb = (bytes: number) => Math.round(bytes / 1e6);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ------------------------------------------------------------------ corpus cache

async function loadCorpus(size: number): Promise<SyntheticCorpus> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `corpus-${size}.jsonl`);
  if (existsSync(file)) {
    const statements: IndexedStatement[] = [];
    // Streamed: the 1M corpus (630 MB) is longer than the longest string Node can make.
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      if (line) statements.push(JSON.parse(line) as IndexedStatement);
    }
    const world = generateCorpus({ size: 1 });
    return { ...world, statements };
  }
  const corpus = generateCorpus({ size });
  const out = createWriteStream(file);
  for (const s of corpus.statements) if (!out.write(JSON.stringify(s) + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return corpus;
}

// ------------------------------------------------------------------ the factbot side (child)

interface ServeResult {
  startup_s: number;
  rss_mb: number;
  heap_mb: number;
  latencies: number[];
  /** CPU time per query: on a shared, loaded machine wall time also measures the neighbours. */
  cpu: number[];
  top: string[][];
  autocomplete_ms: number[];
}

async function serve(indexFile: string, queriesFile: string): Promise<void> {
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQuery[];
  const t0 = performance.now();
  const loaded = await loadIndex(indexFile);
  if (!loaded) throw new Error(`cannot load ${indexFile}`);
  const startup = (performance.now() - t0) / 1000;
  const index = loaded.index;
  // Warm-up: the bot is a long-running process; JIT compilation is not part of a query's cost.
  for (const q of queries.slice(0, 20)) index.search(parseQuery(q.text), { limit: 10 });
  gc();
  const latencies: number[] = [];
  const cpu: number[] = [];
  const top: string[][] = [];
  for (const q of queries) {
    const c = process.cpuUsage();
    const t = performance.now();
    const hits = index.search(parseQuery(q.text), { limit: 10 });
    latencies.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    top.push(hits.map((h) => h.id));
  }
  // Autocomplete: what a user has typed so far of speaker names and quotes.
  const autocomplete: number[] = [];
  const partials: Array<['speaker' | 'quote', string]> = [];
  for (const q of queries.slice(0, 100)) {
    const words = q.text.replace(/"|\w+:"[^"]*"|\w+:\S+/g, '').trim();
    const cut = Math.max(2, Math.floor(words.length * 0.6));
    partials.push(['quote', words.slice(0, cut)]);
    partials.push(['speaker', words.slice(0, 2 + (cut % 5))]);
  }
  for (const [kind, partial] of partials) {
    const t = performance.now();
    if (kind === 'speaker') index.suggestSpeakers(partial, 25);
    else index.suggestQuotes(partial, 25);
    autocomplete.push(performance.now() - t);
  }
  const mem = process.memoryUsage();
  const result: ServeResult = {
    startup_s: startup,
    rss_mb: mb(mem.rss),
    heap_mb: mb(mem.heapUsed),
    latencies,
    cpu,
    top,
    autocomplete_ms: autocomplete,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ------------------------------------------------------------------ ingest throughput

async function ingestThroughput(): Promise<{ articles_per_s: number; mb_per_s: number } | null> {
  let extract: ((a: never) => unknown[]) | undefined;
  try {
    const mod = (await import('../src/extract/index.js')) as { extractStatements?: (a: never) => unknown[] };
    extract = mod.extractStatements;
  } catch {
    return null;
  }
  if (!extract) return null;
  const articles = [];
  for (const a of generateArticles({ size: 20_000, seed: 99 })) {
    articles.push({ ...a.article, source: `${a.article.id}.txt`, contentHash: a.article.id });
  }
  let bytes = 0;
  for (const a of articles.slice(0, 50)) extract(a as never); // warm-up
  const t = performance.now();
  for (const a of articles) {
    bytes += Buffer.byteLength(a.text);
    extract(a as never);
  }
  const s = (performance.now() - t) / 1000;
  return { articles_per_s: articles.length / s, mb_per_s: bytes / 1e6 / s };
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.serve) return serve(args.serve, args.queriesFile!);
  // A million statements as objects plus plain fuse.js's records outgrow Node's default heap.
  if (args.size > 200_000 && v8.getHeapStatistics().heap_size_limit < 8e9 && !process.env.FACTBOT_BENCH_CHILD) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=14000', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, FACTBOT_BENCH_CHILD: '1' },
    });
    process.exit(r.status ?? 1);
  }
  const log = (s: string) => {
    if (!args.json) process.stdout.write(s + '\n');
    else process.stderr.write(s + '\n');
  };

  log(`factbot search benchmark: ${args.size.toLocaleString('en')} statements`);
  let t = performance.now();
  const corpus = await loadCorpus(args.size);
  log(`corpus ready in ${round((performance.now() - t) / 1000, 1)} s (cached under bench/.cache/)`);
  const queries = makeQueries({ ...corpus, statements: corpus.statements }, 210, 7);
  const queriesFile = join(CACHE, `queries-${args.size}.json`);
  writeFileSync(queriesFile, JSON.stringify(queries));

  // factbot: build, persist, then serve from the persisted index in a fresh process.
  gc();
  const before = process.memoryUsage();
  t = performance.now();
  let fast: FastIndex | null = new FastIndex();
  fast.add(corpus.statements);
  fast.compact();
  const buildS = (performance.now() - t) / 1000;
  gc();
  const afterBuild = process.memoryUsage();
  // The exhaustive mode's top tens (exactly plain fuse.js's, see the tests) for every query:
  // recall on the whole set, where plain fuse.js itself can only run a sample. Cached.
  t = performance.now();
  const reference = exhaustiveReference(fast, queries, args.size, CACHE);
  log(`exhaustive reference top tens ready in ${round((performance.now() - t) / 1000, 1)} s (cached under bench/.cache/)`);
  const indexFile = join(CACHE, `index-${args.size}.bin`);
  t = performance.now();
  await saveIndex(fast, indexFile, 1);
  const saveS = (performance.now() - t) / 1000;
  fast = null;
  gc();
  log(`factbot index built in ${round(buildS, 1)} s (+${mb(afterBuild.heapUsed - before.heapUsed)} MB heap), saved in ${round(saveS, 1)} s`);

  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', indexFile, '--queries', queriesFile], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`factbot child failed (${child.status})`);
  const served = JSON.parse(child.stdout.trim().split('\n').pop()!) as ServeResult;
  // Kept so factbot's side survives an interrupted baseline run.
  writeFileSync(join(CACHE, `factbot-${args.size}.json`), JSON.stringify({ ...served, top: undefined }));
  const sv = stats(served.latencies);
  log(`factbot (fresh process, persisted index): p50 ${round(sv.p50, 3)} ms, p99 ${round(sv.p99, 3)} ms, start-up ${round(served.startup_s, 2)} s, RSS ${served.rss_mb} MB`);

  // Plain fuse.js with the same keys and options, on a fixed sample of the queries at scale.
  const step = queries.length / Math.min(args.fuseSample, queries.length);
  const sample = Array.from({ length: Math.min(args.fuseSample, queries.length) }, (_, i) => Math.floor(i * step));
  gc();
  const beforeFuse = process.memoryUsage();
  t = performance.now();
  const plain = createPlainFuseIndex();
  plain.add(corpus.statements);
  const fuseBuildS = (performance.now() - t) / 1000;
  gc();
  const fuseMem = process.memoryUsage();
  log(`plain fuse.js index built in ${round(fuseBuildS, 1)} s; running ${sample.length} of ${queries.length} queries on it…`);
  const fuseLat: number[] = [];
  let recallSum = 0;
  for (const i of sample) {
    const q = queries[i]!;
    const t0 = performance.now();
    const hits = plain.search(parseQuery(q.text), { limit: 10 });
    fuseLat.push(performance.now() - t0);
    const got = new Set(served.top[i]);
    recallSum += hits.length === 0 ? 1 : hits.filter((h) => got.has(h.id)).length / hits.length;
  }
  const ingest = await ingestThroughput();
  // Issue 7: extraction alone, on one core (the shipped articles and synthetic ones).
  log('extraction speed (extractStatements alone, one core)…');
  const extraction = await measureExtraction({ rounds: 3 });
  // Issue 8: start-up from a real store to ready, as the bot starts (a persisted index + catch-up).
  let startup: Awaited<ReturnType<typeof measureStoreStartup>> | null = null;
  if (args.startupSize > 0) {
    log(`start-up from a store of ${args.startupSize.toLocaleString('en')} statements (filled once, cached)…`);
    // The store holds this run's corpus only when the sizes agree: then its queries are answered
    // through the bot's whole search path too (the index is one part of what a user waits for).
    const botQueries = args.startupSize === args.size ? queries.map((q) => q.text) : undefined;
    startup = await measureStoreStartup({ size: args.startupSize, catchUp: 100, log, ...(botQueries ? { queries: botQueries } : {}) });
  }
  let refFound = 0;
  let refExpected = 0;
  reference.forEach((want, i) => {
    const got = new Set(served.top[i]);
    refFound += want.filter((id) => got.has(id)).length;
    refExpected += want.length;
  });

  const fbAll = stats(served.latencies);
  const fbCpu = stats(served.cpu);
  const fbSample = stats(sample.map((i) => served.latencies[i]!));
  const fu = stats(fuseLat);
  const ac = stats(served.autocomplete_ms);
  const byCategory = new Map<string, number[]>();
  queries.forEach((q, i) => byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), served.latencies[i]!]));

  const summary = {
    size: args.size,
    queries: queries.length,
    fuse_queries: sample.length,
    factbot: {
      p50_ms: round(fbAll.p50, 3),
      p95_ms: round(fbAll.p95, 3),
      p99_ms: round(fbAll.p99, 3),
      build_s: round(buildS, 2),
      // From the store to ready, as the bot starts (store open, persisted index loaded, change
      // feed caught up); the index file alone is index_load_s.
      startup_s: startup ? round(startup.ready.ready_s, 2) : round(served.startup_s, 2),
      index_load_s: round(served.startup_s, 2),
      rss_mb: served.rss_mb,
      heap_mb: served.heap_mb,
      p50_cpu_ms: round(fbCpu.p50, 3),
      p99_cpu_ms: round(fbCpu.p99, 3),
    },
    fuse: {
      p50_ms: round(fu.p50, 1),
      p95_ms: round(fu.p95, 1),
      p99_ms: round(fu.p99, 1),
      build_s: round(fuseBuildS, 2),
      // fuse.js has no persisted index worth loading: start-up is a build from the statements.
      startup_s: round(fuseBuildS, 2),
      rss_mb: mb(fuseMem.rss),
      heap_mb: mb(fuseMem.heapUsed - beforeFuse.heapUsed),
    },
    speedup_p50: round(fu.p50 / fbSample.p50, 1),
    recall_at_10: round(recallSum / sample.length, 3),
    /** Against the exhaustive mode (= plain fuse.js's results) on every query, not a sample. */
    recall_at_10_exhaustive: refExpected ? round(refFound / refExpected, 3) : 1,
    autocomplete_p99_ms: round(ac.p99, 3),
    ingest_mb_per_s: ingest ? round(ingest.mb_per_s, 2) : null,
    ingest_articles_per_s: ingest ? Math.round(ingest.articles_per_s) : null,
    extract_mb_per_s: round(extraction.combined.mb_per_s, 2),
    extract_cpu_mb_per_s: round(extraction.combined.cpu_mb_per_s, 2),
    extract_seeds_mb_per_s: round(extraction.seeds.mb_per_s, 2),
    startup_store: startup
      ? {
          size: startup.statements_in_store,
          engine: startup.engine,
          ready_s: round(startup.ready.ready_s, 2),
          bot_start_s: round(startup.ready.total_s, 2),
          rss_ready_mb: startup.ready.rss_ready_mb,
          catch_up_ready_s: round(startup.catch_up.ready_s, 2),
          catch_up_statements: startup.catch_up.added_statements,
          catch_up_rss_ready_mb: startup.catch_up.rss_ready_mb,
          restored: startup.ready.restored && startup.catch_up.restored,
          corpus_search: startup.corpus_search ?? null,
        }
      : null,
    load_average: round(os.loadavg()[0]!, 1),
  };

  if (args.json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    return;
  }
  const rows: Array<[string, string, string]> = [
    ['', 'factbot', 'plain fuse.js'],
    ['query p50 (ms)', String(summary.factbot.p50_ms), String(summary.fuse.p50_ms)],
    ['query p95 (ms)', String(summary.factbot.p95_ms), String(summary.fuse.p95_ms)],
    ['query p99 (ms)', String(summary.factbot.p99_ms), String(summary.fuse.p99_ms)],
    ['index build (s)', String(summary.factbot.build_s), String(summary.fuse.build_s)],
    [
      'start-up to ready (s)',
      startup ? `${summary.factbot.startup_s} (store of ${startup.statements_in_store.toLocaleString('en')}, persisted index)` : `${summary.factbot.startup_s} (persisted index)`,
      `${summary.fuse.startup_s} (rebuild)`,
    ],
    ['index file load (s)', String(summary.factbot.index_load_s), ''],
    ['RSS (MB)', String(summary.factbot.rss_mb), `${summary.fuse.rss_mb} (with the corpus)`],
    ['heap (MB)', String(summary.factbot.heap_mb), String(summary.fuse.heap_mb)],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  log('');
  for (const r of rows) log(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}`);
  log('');
  log(`plain fuse.js ran ${sample.length} of ${queries.length} queries; on those, factbot p50 ${round(fbSample.p50, 3)} ms`);
  log(`speedup at p50: ${summary.speedup_p50}×   recall@10 vs plain fuse.js: ${summary.recall_at_10} (${sample.length} queries)`);
  log(`recall@10 vs the exhaustive mode (plain fuse.js's results) on all ${queries.length} queries: ${summary.recall_at_10_exhaustive}`);
  log(`factbot CPU time per query: p50 ${summary.factbot.p50_cpu_ms} ms, p99 ${summary.factbot.p99_cpu_ms} ms (load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`);
  log(`autocomplete p99: ${summary.autocomplete_p99_ms} ms`);
  log(
    ingest
      ? `ingest through the real extractor: ${summary.ingest_articles_per_s} articles/s, ${summary.ingest_mb_per_s} MB/s`
      : 'ingest: src/extract not available',
  );
  log(
    `extraction, one core: ${summary.extract_mb_per_s} MB/s (${summary.extract_cpu_mb_per_s} MB per CPU second; shipped articles ${summary.extract_seeds_mb_per_s} MB/s)`,
  );
  if (summary.startup_store) {
    const st = summary.startup_store;
    log(
      `start-up from the store (${st.engine}, ${st.size.toLocaleString('en')} statements): ready ${st.ready_s} s, whole bot start ${st.bot_start_s} s, RSS ${st.rss_ready_mb} MB; ` +
        `with ${st.catch_up_statements} new statements to catch up: ready ${st.catch_up_ready_s} s, RSS ${st.catch_up_rss_ready_mb} MB`,
    );
    if (st.corpus_search) {
      const cs = st.corpus_search;
      log(`the bot's whole search path (CorpusRuntime.search, page of 5, ${cs.queries} queries): p50 ${cs.p50_ms} ms, p95 ${cs.p95_ms} ms, p99 ${cs.p99_ms} ms`);
    }
  }
  log('factbot p50 by query kind: ' + [...byCategory].map(([k, v]) => `${k} ${round(stats(v).p50, 2)} ms`).join(', '));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
