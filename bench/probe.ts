/**
 * `node --import tsx bench/probe.ts --size 1000000 [--queries 210] [--tuning JSON] [--only CATEGORY] [--scalar]`
 *
 * The search engineer's loop: loads the persisted index the benchmark saved (seconds, no rebuild)
 * and its query set, and measures recall@10 of a tuning against the exhaustive mode's top tens
 * (exactly plain fuse.js's results, tested), which are computed once and cached under
 * bench/.cache (keyed by size, query set and SCORING_VERSION). In-process: latencies indicative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TUNING, FastIndex, loadIndex, parseQuery, type FastSearchTuning } from '../src/search/index.js';
import { benchCacheDir, type BenchQuery } from './corpus.js';
import { exhaustiveReference } from './reference.js';

const argv = process.argv.slice(2);
const get = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const size = Number(get('--size') ?? 100_000);
const sampleSize = Number(get('--queries') ?? 210);
const only = get('--only');
const verbose = argv.includes('--verbose');
const tuning: FastSearchTuning = { ...DEFAULT_TUNING, ...(JSON.parse(get('--tuning') ?? '{}') as Partial<FastSearchTuning>) };
const cache = benchCacheDir();
const queries = JSON.parse(readFileSync(join(cache, `queries-${size}.json`), 'utf8')) as BenchQuery[];
let t = performance.now();
const loaded = await loadIndex(join(cache, `index-${size}.bin`));
if (!loaded || !(loaded.index instanceof FastIndex)) throw new Error('no persisted index: run npm run bench -- --size N once');
const index = loaded.index;
// --scalar: the Myers passes one text at a time (bitap.ts), for an A/B against the SIMD batch.
if (argv.includes('--scalar')) index.myersBatch = null;
process.stderr.write(`loaded ${index.size} statements in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
const reference = exhaustiveReference(index, queries, size, cache, (i) => process.stderr.write(`\rreference ${i}/${queries.length}`));

const step = queries.length / Math.min(sampleSize, queries.length);
let picked = Array.from({ length: Math.min(sampleSize, queries.length) }, (_, i) => Math.floor(i * step));
if (only) picked = picked.filter((i) => queries[i]!.category === only);
// Warm-up (JIT), as the benchmark does.
for (const i of picked.slice(0, 10)) index.search(parseQuery(queries[i]!.text), { limit: 10 }, tuning);
const times: number[] = [];
/** CPU time per query: on the shared machine wall time also measures the neighbours. */
const cpu: number[] = [];
const byCat = new Map<string, { found: number; expected: number; ms: number[] }>();
let found = 0;
let expected = 0;
for (const i of picked) {
  const q = queries[i]!;
  const c0 = process.cpuUsage();
  t = performance.now();
  const got = index.search(parseQuery(q.text), { limit: 10 }, tuning);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c0);
  cpu.push((used.user + used.system) / 1000);
  times.push(ms);
  const truth = reference[i]!;
  const ids = new Set(got.map((h) => h.id));
  const hit = truth.filter((id) => ids.has(id)).length;
  found += hit;
  expected += truth.length;
  const c = byCat.get(q.category) ?? { found: 0, expected: 0, ms: [] };
  c.found += hit;
  c.expected += truth.length;
  c.ms.push(ms);
  byCat.set(q.category, c);
  if (verbose || hit < truth.length) {
    process.stderr.write(`${String(i).padStart(3)} ${q.category.padEnd(7)} ${hit}/${truth.length} ${ms.toFixed(1)} ms scored ${index.lastEvaluated} ${index.lastStage}  ${q.text}\n`);
  }
}
// Autocomplete, as the benchmark types it: the first 60% of a query, and a name's first letters.
const acTimes: number[] = [];
for (const i of picked.slice(0, 100)) {
  const words = queries[i]!.text.replace(/"|\w+:"[^"]*"|\w+:\S+/g, '').trim();
  const cut = Math.max(2, Math.floor(words.length * 0.6));
  t = performance.now();
  index.suggestQuotes(words.slice(0, cut), 25);
  acTimes.push(performance.now() - t);
  t = performance.now();
  index.suggestSpeakers(words.slice(0, 2 + (cut % 5)), 25);
  acTimes.push(performance.now() - t);
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
for (const [k, c] of byCat) {
  process.stderr.write(`${k.padEnd(8)} recall ${(c.found / Math.max(1, c.expected)).toFixed(3)} p50 ${pct(c.ms, 0.5).toFixed(1)} p99 ${pct(c.ms, 0.99).toFixed(1)}\n`);
}
console.log(
  JSON.stringify({
    size,
    queries: picked.length,
    recall_at_10: expected ? +(found / expected).toFixed(3) : 1,
    p50_ms: +pct(times, 0.5).toFixed(2),
    p95_ms: +pct(times, 0.95).toFixed(2),
    p99_ms: +pct(times, 0.99).toFixed(2),
    cpu_p50_ms: +pct(cpu, 0.5).toFixed(2),
    cpu_p99_ms: +pct(cpu, 0.99).toFixed(2),
    autocomplete_p50_ms: +pct(acTimes, 0.5).toFixed(2),
    autocomplete_p99_ms: +pct(acTimes, 0.99).toFixed(2),
  }),
);
