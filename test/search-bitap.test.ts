import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { bitapScore, bitapScoreBytes, compileBitap, countTokens, normForTokens } from '../src/search/bitap.js';
import { rng } from '../bench/corpus.js';

function fuseScore(pattern: string, text: string): number {
  const r = Fuse.match(pattern, text, { threshold: 0.4, ignoreLocation: true, isCaseSensitive: true });
  return r.isMatch ? r.score : 1;
}

describe('bitapScore (single-pass re-implementation of fuse.js Bitap)', () => {
  it('gives exactly fuse.js’s score on random patterns and texts, chunked patterns included', () => {
    const r = rng(3);
    const alphabet = 'abcde fgh.’é';
    const rs = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    const mismatches: string[] = [];
    for (let t = 0; t < 20000; t++) {
      const p = rs(1 + Math.floor(r() * 45));
      const mutate = (s: string) =>
        s
          .split('')
          .map((c) => (r() < 0.15 ? rs(Math.floor(r() * 2)) : c))
          .join('');
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
