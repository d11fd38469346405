import { describe, expect, it } from 'vitest';
import { MyersBatch } from '../src/search/myers-simd.js';
import { MYERS_SIMD_WASM } from '../src/search/myers-simd.wasm.js';
import { compileBitap } from '../src/search/bitap.js';
import { DEFAULT_TUNING, FastIndex, parseQuery } from '../src/search/index.js';
import { generateCorpus, makeQueries } from '../bench/corpus.js';
import { assembleMyersWat } from '../scripts/wasm-assemble.js';

/** Reference: the smallest edit distance between `p` and any substring of `t` (dynamic programming). */
function bestDistance(p: Uint8Array, t: Uint8Array): number {
  const m = p.length;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  let best = prev[m]!;
  for (let j = 1; j <= t.length; j++) {
    const cur = [0];
    for (let i = 1; i <= m; i++) {
      cur[i] = Math.min(prev[i - 1]! + (p[i - 1] === t[j - 1] ? 0 : 1), prev[i]! + 1, cur[i - 1]! + 1);
    }
    best = Math.min(best, cur[m]!);
    prev = cur;
  }
  return best;
}

/** A small seeded generator (mulberry32): the cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const engine = MyersBatch.create();

describe('SIMD Myers batch', () => {
  it('is the assembly of myers-simd.wat (run `npm run build:wasm` after editing it)', async () => {
    expect(await assembleMyersWat()).toBe(MYERS_SIMD_WASM);
  });

  it('is available on this Node (WebAssembly SIMD), so the search takes it', () => {
    expect(engine).not.toBeNull();
  });

  it('finds the same smallest edit distance as dynamic programming, for texts, parts of texts, and every pattern length', () => {
    const next = rng(7);
    // A small alphabet with Latin-1 letters beyond ASCII: many near matches, every byte value path.
    const alphabet = [97, 98, 99, 100, 32, 233, 252, 255];
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]!);
    let cases = 0;
    for (let round = 0; round < 40; round++) {
      const m = 1 + (round % 32);
      const pattern = bytes(m);
      const chunk = compileBitap(Buffer.from(pattern).toString('latin1'), 0.33).chunks[0]!;
      engine!.clear();
      const texts: Array<{ text: Uint8Array; job: number; part?: { from: number; len: number; job: number } }> = [];
      const count = 1 + Math.floor(next() * 60);
      for (let i = 0; i < count; i++) {
        // Empty, short, typical and (now and then) long texts, at an offset in a larger buffer.
        const len = i % 17 === 0 ? 0 : i % 23 === 0 ? 3000 + Math.floor(next() * 3000) : Math.floor(next() * 300);
        const text = bytes(len);
        const holder = new Uint8Array(len + 10);
        holder.set(text, 5);
        expect(engine!.fits(len)).toBe(true);
        texts.push({ text, job: engine!.addText(holder, 5, len) });
      }
      for (const t of texts) {
        if (t.text.length < 4 || next() < 0.3) continue;
        const from = Math.floor(next() * (t.text.length / 2));
        const len = Math.floor(next() * (t.text.length - from));
        t.part = { from, len, job: engine!.addPart(t.job, from, len) };
      }
      engine!.run(chunk.ascii, m);
      for (const t of texts) {
        expect(engine!.best(t.job)).toBe(bestDistance(pattern, t.text));
        if (t.part) expect(engine!.best(t.part.job)).toBe(bestDistance(pattern, t.text.subarray(t.part.from, t.part.from + t.part.len)));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(500);
  });
});

describe('the fast index with and without the SIMD batch', () => {
  const corpus = generateCorpus({ size: 3000, seed: 5, vocabulary: 3000, speakers: 120, outlets: 50 });
  // Texts the batch leaves to bitap.ts: beyond Latin-1 (a dash), and a quote kept apart.
  corpus.statements[10] = { ...corpus.statements[10]!, text: `${corpus.statements[10]!.text} — and more` };
  corpus.statements[11] = { ...corpus.statements[11]!, quote: 'a quote that is not a part of its text' };
  corpus.statements[12] = { ...corpus.statements[12]!, text: `${corpus.statements[12]!.text} ${'filler words here '.repeat(400)}` };
  const simd = new FastIndex();
  simd.add(corpus.statements);
  const scalar = new FastIndex();
  scalar.add(corpus.statements);
  scalar.myersBatch = null;
  const speaker = corpus.statements.find((s) => s.speaker)!.speaker!;
  const queries = [
    ...makeQueries(corpus, 80, 9).map((q) => q.text),
    `${corpus.statements[12]!.text.slice(0, 20)}`,
    'and more',
    'not a part of its',
    `the said speaker:"${speaker}"`,
    `${corpus.statements[3]!.text.split(' ').slice(2, 5).join(' ')} speaker:"${speaker}"`,
  ];

  it('returns the same statements with the same scores, in the same order', () => {
    expect(simd.myersBatch).not.toBeNull();
    for (const text of queries) {
      const q = parseQuery(text);
      const want = scalar.search(q, { limit: 10 }, DEFAULT_TUNING).map((h) => [h.id, h.score]);
      const got = simd.search(q, { limit: 10 }, DEFAULT_TUNING).map((h) => [h.id, h.score]);
      expect({ text, got }).toEqual({ text, got: want });
    }
  });
});
