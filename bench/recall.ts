/**
 * `node --import tsx bench/recall.ts [--size 100000] [--queries 24] [--tuning '{"maxExact":1500}']`
 *
 * Recall@10 of the default (or a given) tuning against factbot's exhaustive mode, which returns
 * exactly plain fuse.js's results (tested) and is far cheaper than plain fuse.js at scale, on an
 * evenly spaced sample of the benchmark's queries; with the latency of each. Uses the corpus cached
 * by `npm run bench -- --size N` (run that once first). In-process: latencies are indicative only.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { DEFAULT_TUNING, EXHAUSTIVE_TUNING, FastIndex, parseQuery, type FastSearchTuning } from '../src/search/index.js';
import type { IndexedStatement } from '../src/search/types.js';
import { benchCacheDir, generateCorpus, makeQueries } from './corpus.js';

const argv = process.argv.slice(2);
const get = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const size = Number(get('--size') ?? 100_000);
const sampleSize = Number(get('--queries') ?? 24);
const tuning: FastSearchTuning = { ...DEFAULT_TUNING, ...(JSON.parse(get('--tuning') ?? '{}') as Partial<FastSearchTuning>) };
/** `--baseline '{…}'`: a second tuning measured on the same index and truth (one build, one exhaustive pass). */
const baselineArg = get('--baseline');
const baseline: FastSearchTuning | null = baselineArg ? { ...DEFAULT_TUNING, ...(JSON.parse(baselineArg) as Partial<FastSearchTuning>) } : null;

const file = join(benchCacheDir(), `corpus-${size}.jsonl`);
if (!existsSync(file)) throw new Error(`no cached corpus ${file}: run npm run bench -- --size ${size} first`);
const statements: IndexedStatement[] = [];
// Streamed: the 1M corpus is longer than the longest string Node can make.
for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
  if (line) statements.push(JSON.parse(line) as IndexedStatement);
}
const queries = makeQueries({ ...generateCorpus({ size: 1 }), statements }, 210, 7);
const index = new FastIndex();
let t = performance.now();
index.add(statements);
process.stderr.write(`${size} statements indexed in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);

const step = queries.length / Math.min(sampleSize, queries.length);
const sample = Array.from({ length: Math.min(sampleSize, queries.length) }, (_, i) => queries[Math.floor(i * step)]!);
const times: number[] = [];
const baseTimes: number[] = [];
let baseFound = 0;
let found = 0;
let expected = 0;
for (const q of sample) {
  const query = parseQuery(q.text);
  t = performance.now();
  const got = index.search(query, { limit: 10 }, tuning);
  times.push(performance.now() - t);
  const truth = index.search(query, { limit: 10 }, EXHAUSTIVE_TUNING);
  if (baseline) {
    t = performance.now();
    const b = new Set(index.search(query, { limit: 10 }, baseline).map((h) => h.id));
    baseTimes.push(performance.now() - t);
    baseFound += truth.filter((h) => b.has(h.id)).length;
  }
  const ids = new Set(got.map((h) => h.id));
  const hit = truth.filter((h) => ids.has(h.id)).length;
  found += hit;
  expected += truth.length;
  process.stderr.write(`${q.category.padEnd(7)} ${hit}/${truth.length} ${times.at(-1)!.toFixed(1)} ms 10th ${(got.at(-1)?.score ?? 1).toFixed(3)} scored ${index.lastEvaluated}  ${q.text}\n`);
}
times.sort((a, b) => a - b);
baseTimes.sort((a, b) => a - b);
const pctOf = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const pct = (p: number) => pctOf(times, p);
if (baseline) {
  console.log(JSON.stringify({ baseline: true, recall_at_10: expected ? +(baseFound / expected).toFixed(3) : 1, p50_ms: +pctOf(baseTimes, 0.5).toFixed(1), p99_ms: +pctOf(baseTimes, 0.99).toFixed(1), tuning: baseline }));
}
console.log(JSON.stringify({ size, queries: sample.length, recall_at_10: expected ? +(found / expected).toFixed(3) : 1, p50_ms: +pct(0.5).toFixed(1), p99_ms: +pct(0.99).toFixed(1), tuning }));
