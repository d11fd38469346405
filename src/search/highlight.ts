import type { Range } from '../domain/reply.js';
import { foldForSearch } from './fuse-options.js';

/**
 * Which words of `display` (the quote, or the text when there is no quote) to show in bold for a
 * query. Word-level rather than fuse.js's character mask: a reader wants whole words marked —
 * the exact phrases, then every word that is a query word, a typo of one (1 edit, 2 for long
 * words) or starts with one ("intel" → "intelligence"). Short words (≤ 2 letters) are marked only
 * inside a phrase or when they are the whole query, or "it" would light up everywhere.
 * Returns sorted, non-overlapping [start, end) ranges.
 */
export function highlightRanges(display: string, pattern: string, phrases: readonly string[]): Range[] {
  const folded = foldForSearch(display);
  const ranges: Array<[number, number]> = [];
  for (const p of phrases) {
    const fp = foldForSearch(p);
    if (fp === '') continue;
    let at = folded.indexOf(fp);
    while (at >= 0) {
      ranges.push([at, at + fp.length]);
      at = folded.indexOf(fp, at + fp.length);
    }
  }
  const all = words(foldForSearch(pattern)).map((w) => w.word);
  // Scripts written without spaces (Chinese, Japanese): a "word" is a whole run of characters, so
  // a query term is marked wherever it occurs inside one.
  const unspaced = all.filter((t) => UNSPACED.test(t));
  for (const t of unspaced) {
    for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + t.length)) ranges.push([at, at + t.length]);
  }
  const terms = all.filter((t) => !UNSPACED.test(t));
  const single = all.length === 1;
  if (terms.length > 0) {
    for (const w of words(folded)) {
      if (terms.some((t) => wordMatches(w.word, t, single))) ranges.push([w.start, w.end]);
    }
  }
  return merge(ranges);
}

function wordMatches(word: string, term: string, single: boolean): boolean {
  if (word === term) return term.length > 2 || single;
  if (term.length < 4) return false;
  if (word.length > term.length && word.startsWith(term)) return true;
  const maxEdits = term.length >= 8 ? 2 : 1;
  if (Math.abs(word.length - term.length) > maxEdits) return false;
  return editDistanceWithin(word, term, maxEdits);
}

/** Letters with their combining marks ("naïve" written as i + U+0308 is one word), digits, inner apostrophes. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function words(s: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  for (const m of s.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Levenshtein distance ≤ max, with a banded early exit. */
export function editDistanceWithin(a: string, b: string, max: number): boolean {
  const n = a.length;
  const m = b.length;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[m]! <= max;
}

function merge(ranges: Array<[number, number]>): Range[] {
  if (ranges.length === 0) return [];
  ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [[ranges[0]![0], ranges[0]![1]]];
  for (let i = 1; i < ranges.length; i++) {
    const r = ranges[i]!;
    const last = out[out.length - 1]!;
    if (r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
