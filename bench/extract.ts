/**
 * Extraction speed (issue 7: "extraction at ≥ 1 MB of article text per second on one core").
 *
 *   import { measureExtraction, type ExtractionResult } from './extract.js';
 *   const r: ExtractionResult = await measureExtraction();          // defaults below
 *
 *   measureExtraction(opts?: {
 *     seedDir?: string;            // default data/articles: the shipped articles, loaded by the real ingest
 *     seedBytes?: number;          // default 2e6: the seed articles repeated to at least this much text
 *     syntheticStatements?: number;// default 20 000: the benchmark's synthetic articles (bench/corpus.ts,
 *                                  //   seed 99, ~20 statements each → ~1 000 articles, ~4 MB)
 *     rounds?: number;             // default 5 timed rounds per set, after one warm-up round
 *   }): Promise<ExtractionResult>
 *
 *   ExtractionResult = {
 *     seeds:     ExtractionFigures,  // real news text (few distinct articles, repeated)
 *     synthetic: ExtractionFigures,  // generated text with the corpus's attribution shapes
 *     combined:  ExtractionFigures,  // both sets, one pass
 *     rounds: number, load_average: number }
 *   ExtractionFigures = { articles, mb (per round, 1 MB = 10^6 bytes of UTF-8 article text),
 *     statements (per round), mb_per_s, articles_per_s (median round, wall clock),
 *     cpu_mb_per_s (median round, by this process's CPU time), rounds_mb_per_s (every round) }
 *
 * Times `extractStatements` alone (src/extract/index.ts), synchronously, in this process's one
 * JavaScript thread: nothing is read, parsed or stored inside the timed loop. The median of the
 * rounds is reported because the machine is shared; CPU time is given as well.
 *
 * CLI: `node --import tsx bench/extract.ts [--json]`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { Article } from '../src/domain/article.js';
import { extractStatements } from '../src/extract/index.js';
import { loadPath } from '../src/ingest/index.js';
import { generateArticles } from './corpus.js';

export interface ExtractionOptions {
  seedDir?: string;
  seedBytes?: number;
  syntheticStatements?: number;
  rounds?: number;
}

export interface ExtractionFigures {
  articles: number;
  mb: number;
  statements: number;
  mb_per_s: number;
  articles_per_s: number;
  cpu_mb_per_s: number;
  rounds_mb_per_s: number[];
}

export interface ExtractionResult {
  seeds: ExtractionFigures;
  synthetic: ExtractionFigures;
  combined: ExtractionFigures;
  rounds: number;
  load_average: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Times extraction over `articles`: one warm-up round, then `rounds` timed ones. */
export function timeExtraction(articles: readonly Article[], rounds: number): ExtractionFigures {
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text, 'utf8'), 0);
  let statements = 0;
  for (const a of articles) statements += extractStatements(a).length; // warm-up (JIT), counts statements
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (const a of articles) extractStatements(a);
    wall.push((performance.now() - t) / 1000);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1e6);
  }
  const mb = bytes / 1e6;
  const w = median(wall);
  return {
    articles: articles.length,
    mb: round(mb, 3),
    statements,
    mb_per_s: round(mb / w),
    articles_per_s: Math.round(articles.length / w),
    cpu_mb_per_s: round(mb / median(cpu)),
    rounds_mb_per_s: wall.map((s) => round(mb / s)),
  };
}

export async function measureExtraction(opts: ExtractionOptions = {}): Promise<ExtractionResult> {
  const rounds = opts.rounds ?? 5;
  const seedDir = resolve(opts.seedDir ?? join(here, '..', 'data', 'articles'));
  const loaded = await loadPath(seedDir);
  if (loaded.articles.length === 0) throw new Error(`no articles under ${seedDir}`);
  const seedBytes = opts.seedBytes ?? 2e6;
  const seeds: Article[] = [];
  let bytes = 0;
  // Copies under their own ids: extraction keeps no state between articles, but the ids keep any
  // future cache honest.
  for (let copy = 0; bytes < seedBytes; copy++) {
    for (const a of loaded.articles) {
      seeds.push({ ...a, id: `${a.id}~${copy}` });
      bytes += Buffer.byteLength(a.text, 'utf8');
    }
  }
  const synthetic: Article[] = [];
  for (const a of generateArticles({ size: opts.syntheticStatements ?? 20_000, seed: 99 })) {
    synthetic.push({ ...a.article, source: `${a.article.id}.txt`, contentHash: a.article.id });
  }
  return {
    seeds: timeExtraction(seeds, rounds),
    synthetic: timeExtraction(synthetic, rounds),
    combined: timeExtraction([...seeds, ...synthetic], rounds),
    rounds,
    load_average: round(os.loadavg()[0]!, 1),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measureExtraction()
    .then((r) => {
      if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(r) + '\n');
      else {
        for (const k of ['seeds', 'synthetic', 'combined'] as const) {
          const f = r[k];
          process.stdout.write(
            `${k.padEnd(9)} ${String(f.articles).padStart(6)} articles ${f.mb.toFixed(2).padStart(6)} MB: ${f.mb_per_s} MB/s (CPU ${f.cpu_mb_per_s}), ${f.articles_per_s} articles/s; rounds ${f.rounds_mb_per_s.join(' ')}\n`,
          );
        }
        process.stdout.write(`median of ${r.rounds} rounds after a warm-up; load average ${r.load_average} on ${os.cpus().length} cores\n`);
      }
    })
    .catch((err: unknown) => {
      process.stderr.write(`extraction bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}
