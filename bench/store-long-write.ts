/**
 * Measures what storing one very long article costs the event loop on PGlite (which runs in this
 * thread): the longest stall while `upsertArticles` writes it, how often a 1 ms timer got to run,
 * and the whole write's time. A script, not a test (timings depend on the machine and its load):
 *
 *   node --import tsx bench/store-long-write.ts [statements=5000] [runs=3] [rows a query=5000,500]
 *
 * Each run stores a new article of that many statements (half of them quotes, 40 speakers with
 * roles) into an in-memory store holding the previous runs' articles, then replaces it with a
 * changed version (the delete + insert path), once per chunk size (a store each, runs
 * interleaved so the machine's load falls on both alike). The idle line is the longest gap the
 * machine's own load causes with nothing running: stalls near it are not the write's.
 */
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import { openStore } from '../src/store/index.js';
import type { SqlStore } from '../src/store/sql-store.js';

/** Distinct made-up words, so quotes do not share shingles (a real article's quotes seldom do). */
function word(i: number): string {
  const letters = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  let w = '';
  for (let x = i + 7; x > 0; x = Math.floor(x / 80)) w += letters[x % 16]! + vowels[Math.floor(x / 16) % 5]!;
  return w;
}

function longArticle(id: string, n: number, salt: string): { article: Article; statements: Statement[] } {
  const statements: Statement[] = [];
  // Each article and version its own words: no quote is another article's.
  let seed = 0;
  for (const c of `${id}/${salt}`) seed = (seed * 31 + c.charCodeAt(0)) % 1_000_003;
  seed *= 100_000;
  for (let i = 0; i < n; i++) {
    const speaker = `Speaker${i % 40} Person${i % 40}`;
    const words = Array.from({ length: 12 }, (_, k) => word(i * 12 + k + seed)).join(' ');
    const q = `${words} number ${i} ${salt}`;
    const quoted = i % 2 === 0;
    const text = quoted ? `"${q}," ${speaker} said.` : `The ${words} was discussed (${i}, ${salt}).`;
    statements.push({
      text,
      kind: quoted ? 'direct' : 'statement',
      quote: quoted ? q : null,
      speaker: quoted ? speaker : null,
      speakerMention: quoted ? speaker : null,
      speakerRole: quoted ? `member of committee ${i % 40}` : null,
      outlet: null,
      cue: quoted ? 'said' : null,
      start: 0,
      end: text.length,
      paragraph: i,
    });
  }
  const text = statements.map((s) => s.text).join('\n\n');
  return {
    article: {
      id, title: `Long ${id}`, outlet: 'Test Outlet', url: null, published: null, author: null, text,
      source: `${id}.txt`, contentHash: `${id}-${salt}`, sourceKey: null,
    },
    statements,
  };
}

/**
 * Watches a 1 ms timer until `stop()`: the longest gap between its runs, and how often it ran. A
 * timer that never runs (every await inside the write a microtask) is a stall as long as the
 * write, which the event-loop delay histogram, sampling on its own timer, does not see at all.
 */
function watchStalls(): { stop(): { maxStallMs: number; ticks: number } } {
  let ticks = 0;
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
    ticks++;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return { maxStallMs: Math.max(maxGap, performance.now() - last), ticks };
    },
  };
}

async function measure(store: SqlStore, item: ReturnType<typeof longArticle>): Promise<{ ms: number; maxStallMs: number; ticks: number }> {
  const watch = watchStalls();
  const t0 = performance.now();
  await store.upsertArticles([item]);
  const ms = performance.now() - t0;
  return { ms, ...watch.stop() };
}

/** The longest gap between a 1 ms timer's runs over `ms` of doing nothing: the machine's own share. */
async function idleStall(ms: number): Promise<number> {
  const watch = watchStalls();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return watch.stop().maxStallMs;
}

const n = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 3);
// 5,000 rows a query was the part size before; with it the loop still gets its turns between the
// phases of the write (the code before gave none: its stall was the whole write, see
// docs/store.md). 500 is PGlite's default now.
const sizes = (process.argv[4] ?? '5000,500').split(',').map(Number);
const stores = new Map<number, SqlStore>();
for (const size of sizes) {
  const store = (await openStore({ memory: true })) as SqlStore;
  store.writeChunkRows = size;
  stores.set(size, store);
}
const totals = new Map<string, { ms: number[]; stall: number[] }>();
console.log(`idle: longest gap of a 1 ms timer over 2 s doing nothing ${(await idleStall(2000)).toFixed(0)} ms`);
for (let r = 0; r < runs; r++) {
  for (const [size, store] of stores) {
    const id = `long-${r}`;
    const first = await measure(store, longArticle(id, n, 'a'));
    const replaced = await measure(store, longArticle(id, n, 'bb'));
    for (const [what, m] of [['insert', first], ['replace', replaced]] as const) {
      const key = `${what} ${n} statements, ${size} rows a query`;
      const t = totals.get(key) ?? { ms: [], stall: [] };
      t.ms.push(m.ms);
      t.stall.push(m.maxStallMs);
      totals.set(key, t);
      console.log(`${key}: ${m.ms.toFixed(0)} ms, longest stall ${m.maxStallMs.toFixed(0)} ms, 1 ms timer ran ${m.ticks}×`);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [key, t] of totals) console.log(`median ${key}: ${median(t.ms).toFixed(0)} ms, longest stall ${median(t.stall).toFixed(0)} ms`);
console.log(`idle again: ${(await idleStall(2000)).toFixed(0)} ms`);
for (const store of stores.values()) await store.close();
