import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { bitapScore, bitapScoreBytes, bitapScoresTextQuote, compileBitap, countTokens, normForTokens } from '../src/search/bitap.js';
import { rng } from '../bench/corpus.js';

function fuseScore(pattern: string, text: string): number {
  const r = Fuse.match(pattern, text, { threshold: 0.4, ignoreLocation: true, isCaseSensitive: true });
  return r.isMatch ? r.score : 1;
}

/** Random strings over `alphabet`, and near copies (a character in seven changed or dropped). */
function randomText(seed: number, alphabet: string) {
  const r = rng(seed);
  const rs = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
  const mutate = (s: string) =>
    s
      .split('')
      .map((c) => (r() < 0.15 ? rs(Math.floor(r() * 2)) : c))
      .join('');
  return { r, rs, mutate };
}

describe('bitapScore (single-pass re-implementation of fuse.js Bitap)', () => {
  it('gives exactly fuse.js’s score on random patterns and texts, chunked patterns included', () => {
    const { r, rs, mutate } = randomText(3, 'abcde fgh.’é');
    const mismatches: string[] = [];
    for (let t = 0; t < 20000; t++) {
      const p = rs(1 + Math.floor(r() * 45));
      const x = r() < 0.3 ? rs(Math.floor(r() * 80)) : rs(Math.floor(r() * 8)) + mutate(p) + rs(Math.floor(r() * 8));
      const expected = fuseScore(p, x);
      const got = bitapScore(compileBitap(p, 0.4), x);
      if (expected !== got) mismatches.push(`${JSON.stringify(p)} in ${JSON.stringify(x)}: fuse ${expected}, ours ${got}`);
      if (!/[^\u0000-\u00ff]/.test(x)) {
        const bytes = Buffer.from('xx' + x, 'latin1');
        const fromBytes = bitapScoreBytes(compileBitap(p, 0.4), bytes, 2, x.length);
        if (expected !== fromBytes) mismatches.push(`bytes: ${JSON.stringify(p)} in ${JSON.stringify(x)}: fuse ${expected}, ours ${fromBytes}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('scores a text and a quote inside it in one pass exactly as fuse.js scores each', () => {
    const { r, rs, mutate } = randomText(5, 'abcde fgh.');
    const out = new Float64Array(2);
    const mismatches: string[] = [];
    for (let t = 0; t < 5000; t++) {
      // Up to 45 characters: patterns of two Bitap chunks too.
      const p = rs(1 + Math.floor(r() * 45));
      const before = rs(Math.floor(r() * 30));
      // The pattern, or a near copy, sometimes inside the quote, sometimes around it, sometimes equal.
      const quote = r() < 0.1 ? p : rs(Math.floor(r() * 10)) + (r() < 0.5 ? mutate(p) : '') + rs(Math.floor(r() * 10));
      const after = r() < 0.5 ? mutate(p) + rs(Math.floor(r() * 20)) : rs(Math.floor(r() * 20));
      const text = r() < 0.05 ? quote : before + quote + after;
      const qs = text === quote ? 0 : before.length;
      const bytes = Buffer.from('xyz' + text, 'latin1');
      bitapScoresTextQuote(compileBitap(p, 0.4), bytes, 3, text.length, qs, quote.length, out);
      const [t1, q1] = [fuseScore(p, text), fuseScore(p, quote)];
      if (out[0] !== t1 || out[1] !== q1) mismatches.push(`${JSON.stringify(p)} in ${JSON.stringify(text)} / ${JSON.stringify(quote)}: fuse ${t1} ${q1}, ours ${out[0]} ${out[1]}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('scores an equal string 0 and an exact substring 0.001', () => {
    expect(bitapScore(compileBitap('great intel', 0.4), 'great intel')).toBe(0);
    expect(bitapScore(compileBitap('great intel', 0.4), 'i get great intel.')).toBe(0.001);
    expect(bitapScore(compileBitap('zzzzzz', 0.4), 'i get great intel.')).toBe(1);
  });

  it('computes fuse.js’s field norm', () => {
    expect(countTokens('  hr   mcmaster ')).toBe(2);
    expect(countTokens('')).toBe(1);
    expect(normForTokens(2)).toBe(0.707);
  });
});
