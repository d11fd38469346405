import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EXHAUSTIVE_TUNING, FUSE_KEYS, FUSE_THRESHOLD, parseQuery, type FastIndex } from '../src/search/index.js';
import type { BenchQuery } from './corpus.js';

/**
 * Bump when what a query returns changes on purpose (scoring, query parsing, filters): cached
 * reference top tens are keyed by it. 2: the exhaustive mode scores every statement for patterns
 * of several Bitap chunks (before, those sharing few of the whole pattern's trigrams were missed).
 */
export const SCORING_VERSION = 2;

/**
 * The exhaustive mode's top ten ids per query: exactly plain fuse.js's results (the tests prove
 * the equality on small corpora) at a fraction of its cost, so recall can be measured on the whole
 * query set at 100k and 1M. Cached in `dir`, keyed by corpus size, query texts and scoring version.
 */
export function exhaustiveReference(
  index: FastIndex,
  queries: readonly BenchQuery[],
  size: number,
  dir: string,
  progress?: (done: number) => void,
): string[][] {
  const key = createHash('sha1')
    .update(JSON.stringify({ q: queries.map((q) => q.text), v: SCORING_VERSION, k: FUSE_KEYS, t: FUSE_THRESHOLD, n: index.size }))
    .digest('hex')
    .slice(0, 12);
  const file = join(dir, `reference-${size}-${key}.json`);
  const partial: string[][] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[][]) : [];
  for (let i = partial.length; i < queries.length; i++) {
    partial.push(index.search(parseQuery(queries[i]!.text), { limit: 10 }, EXHAUSTIVE_TUNING).map((h) => h.id));
    // Saved as it goes: at 1M the whole set takes minutes.
    if (i % 10 === 9 || i === queries.length - 1) writeFileSync(file, JSON.stringify(partial));
    progress?.(i + 1);
  }
  return partial;
}
