/**
 * fuse.js 7's Bitap score, re-implemented for `ignoreLocation: true` without match indices, so
 * the fast index scores its candidates exactly as fuse.js would (same errors, same floats, same
 * ties). Differences are only in speed: the text is lowercased once at index time, the exact
 * occurrence check short-cuts to 0.001, and the scan stops at the first match of the lowest error
 * level (with ignoreLocation every match at level i scores i / patternLength, so the rest of
 * fuse.js's scan cannot change the score). Derived from fuse.js (Apache-2.0, Kiro Risk),
 * src/search/bitap/search.ts and src/search/bitap/index.ts.
 */

const MAX_BITS = 32;

interface Chunk {
  pattern: string;
  length: number;
  /** Bit masks for characters below 256 (also used on Latin-1 byte strings); `other` for the rest. */
  ascii: Int32Array;
  other: Map<number, number>;
}

export interface BitapPattern {
  readonly pattern: string;
  readonly chunks: readonly Chunk[];
  readonly threshold: number;
}

export function compileBitap(pattern: string, threshold: number): BitapPattern {
  const chunks: Chunk[] = [];
  const len = pattern.length;
  const add = (p: string): void => {
    const ascii = new Int32Array(256);
    const other = new Map<number, number>();
    const n = p.length;
    for (let i = 0; i < n; i++) {
      const c = p.charCodeAt(i);
      // Myers' algorithm: pattern character i is bit i.
      const bit = 1 << i;
      if (c < 256) ascii[c]! |= bit;
      else other.set(c, (other.get(c) ?? 0) | bit);
    }
    chunks.push({ pattern: p, length: n, ascii, other });
  };
  if (len > MAX_BITS) {
    // Same chunking as fuse.js: 32-character pieces, the remainder as the last 32 characters.
    let i = 0;
    const remainder = len % MAX_BITS;
    const end = len - remainder;
    while (i < end) {
      add(pattern.substr(i, MAX_BITS));
      i += MAX_BITS;
    }
    if (remainder) add(pattern.substr(len - MAX_BITS));
  } else if (len > 0) {
    add(pattern);
  }
  return { pattern, chunks, threshold };
}

/**
 * fuse.js's score of `text` (already lowercased like the pattern): 0 when equal, at least 0.001
 * for a match, 1 when no chunk matches within the threshold. `maxErrors` lets a caller that only
 * cares about good matches treat worse ones as no match.
 */
export function bitapScore(p: BitapPattern, text: string, maxErrors = 1 << 30): number {
  if (p.chunks.length === 0) return 1;
  if (text === p.pattern) return 0;
  if (p.chunks.length > 1) maxErrors = 1 << 30;
  let total = 0;
  let matched = false;
  for (const chunk of p.chunks) {
    const s = chunkScore(chunk, text, p.threshold, maxErrors);
    if (s < 1) matched = true;
    total += s;
  }
  return matched ? total / p.chunks.length : 1;
}

/**
 * fuse.js's Bitap scans the text once per error level and reports the first level i at which the
 * pattern matches some substring (i / m ≤ threshold): that level is the smallest edit distance
 * between the pattern and any substring of the text. Myers' bit-vector algorithm (Hyyrö's
 * search variant) computes that distance in a single pass, whatever the number of errors.
 */
function chunkScore(chunk: Chunk, text: string, threshold: number, maxErrors: number): number {
  const m = chunk.length;
  if (text.indexOf(chunk.pattern) >= 0) return 0.001;
  let k = 0;
  while (k + 1 < m && (k + 1) / m <= threshold) k++;
  if (k > maxErrors) k = maxErrors;
  const ascii = chunk.ascii;
  const other = chunk.other;
  const hasOther = other.size > 0;
  const sh = m - 1;
  let pv = -1;
  let mv = 0;
  let score = m;
  let best = m;
  const n = text.length;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    const eq = c < 256 ? ascii[c]! : hasOther ? (other.get(c) ?? 0) : 0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const ph = mv | ~(xh | pv);
    const mh = pv & xh;
    score += ((ph >>> sh) & 1) - ((mh >>> sh) & 1);
    const ph1 = ph << 1;
    pv = (mh << 1) | ~(xv | ph1);
    mv = ph1 & xv;
    best = score < best ? score : best;
  }
  if (best > k) return 1;
  return Math.max(0.001, best / m);
}

/**
 * The same score for a text stored as Latin-1 bytes (`buf[start .. start + len)`), without
 * making a string: the fast index keeps its lowercased texts this way.
 */
export function bitapScoreBytes(p: BitapPattern, buf: Uint8Array, start: number, len: number, maxErrors = 1 << 30): number {
  if (p.chunks.length === 0) return 1;
  if (len === p.pattern.length && bytesEqual(p.pattern, buf, start)) return 0;
  if (p.chunks.length > 1) maxErrors = 1 << 30;
  let total = 0;
  let matched = false;
  for (const chunk of p.chunks) {
    const m = chunk.length;
    let k = 0;
    while (k + 1 < m && (k + 1) / m <= p.threshold) k++;
    if (k > maxErrors) k = maxErrors;
    const best = myersBest(chunk.ascii, m, buf, start, start + len);
    const s = best > k ? 1 : Math.max(0.001, best / m);
    if (s < 1) matched = true;
    total += s;
  }
  return matched ? total / p.chunks.length : 1;
}

/**
 * bitapScoreBytes for a text and for its quote, a part of it (`qs`, `ql`: where in the text), in
 * one pass per chunk: the quote's Myers state runs beside the text's over the quote's characters.
 * Scores to `out[0]` (text) and `out[1]` (quote).
 */
export function bitapScoresTextQuote(p: BitapPattern, buf: Uint8Array, start: number, len: number, qs: number, ql: number, out: Float64Array): void {
  const qFrom = start + qs;
  const qTo = Math.min(start + len, qFrom + ql);
  if (p.chunks.length === 0) {
    out[0] = 1;
    out[1] = 1;
    return;
  }
  let total = 0;
  let qtotal = 0;
  let matched = false;
  let qmatched = false;
  for (const chunk of p.chunks) {
    const m = chunk.length;
    let k = 0;
    while (k + 1 < m && (k + 1) / m <= p.threshold) k++;
    myersPair(chunk.ascii, m, buf, start, start + len, qFrom, qTo, bests);
    const s = bests[0]! > k ? 1 : Math.max(0.001, bests[0]! / m);
    const qsc = bests[1]! > k ? 1 : Math.max(0.001, bests[1]! / m);
    if (s < 1) matched = true;
    if (qsc < 1) qmatched = true;
    total += s;
    qtotal += qsc;
  }
  const n = p.chunks.length;
  const pl = p.pattern.length;
  out[0] = len === pl && bytesEqual(p.pattern, buf, start) ? 0 : matched ? total / n : 1;
  out[1] = qTo - qFrom === pl && bytesEqual(p.pattern, buf, qFrom) ? 0 : qmatched ? qtotal / n : 1;
}

const bests = new Int32Array(2);

/**
 * The smallest edit distance between the pattern (its masks `eqs`, length `m`) and any substring
 * of buf[from, to). Branch-free on purpose: the score's ups and downs are data-dependent, and
 * mispredicted branches made the branching form of this loop about 1.6× slower per character in
 * isolation (in the whole search, where memory dominates, the two measure the same).
 */
function myersBest(eqs: Int32Array, m: number, buf: Uint8Array, from: number, to: number): number {
  const sh = m - 1;
  let pv = -1;
  let mv = 0;
  let score = m;
  let best = m;
  for (let j = from; j < to; j++) {
    const eq = eqs[buf[j]!]!;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const ph = mv | ~(xh | pv);
    const mh = pv & xh;
    score += ((ph >>> sh) & 1) - ((mh >>> sh) & 1);
    const ph1 = ph << 1;
    pv = (mh << 1) | ~(xv | ph1);
    mv = ph1 & xv;
    best = score < best ? score : best;
  }
  return best;
}

/**
 * Hyyrö's search variant of Myers' algorithm (as in chunkScore) over buf[from, to) and, beside
 * it, over the part [qFrom, qTo): the smallest edit distances to `bests[0]` and `bests[1]`. The
 * step is written out in each loop on purpose: this is the search's hottest code, and its state
 * stays in local variables (a shared step function would have to pass it through memory).
 */
function myersPair(eqs: Int32Array, m: number, buf: Uint8Array, from: number, to: number, qFrom: number, qTo: number, bests: Int32Array): void {
  const sh = m - 1;
  let pv = -1;
  let mv = 0;
  let score = m;
  let best = m;
  let qpv = -1;
  let qmv = 0;
  let qscore = m;
  let qbest = m;
  // Text only before the part…
  for (let j = from; j < qFrom; j++) {
    const eq = eqs[buf[j]!]!;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const ph = mv | ~(xh | pv);
    const mh = pv & xh;
    score += ((ph >>> sh) & 1) - ((mh >>> sh) & 1);
    const ph1 = ph << 1;
    pv = (mh << 1) | ~(xv | ph1);
    mv = ph1 & xv;
    best = score < best ? score : best;
  }
  // …both over it…
  for (let j = qFrom; j < qTo; j++) {
    const eq = eqs[buf[j]!]!;
    const xv = eq | mv;
    const qxv = eq | qmv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const qxh = ((((eq & qpv) + qpv) | 0) ^ qpv) | eq;
    const ph = mv | ~(xh | pv);
    const qph = qmv | ~(qxh | qpv);
    const mh = pv & xh;
    const qmh = qpv & qxh;
    score += ((ph >>> sh) & 1) - ((mh >>> sh) & 1);
    qscore += ((qph >>> sh) & 1) - ((qmh >>> sh) & 1);
    const ph1 = ph << 1;
    const qph1 = qph << 1;
    pv = (mh << 1) | ~(xv | ph1);
    qpv = (qmh << 1) | ~(qxv | qph1);
    mv = ph1 & xv;
    qmv = qph1 & qxv;
    best = score < best ? score : best;
    qbest = qscore < qbest ? qscore : qbest;
  }
  // …and text only after it.
  for (let j = qTo; j < to; j++) {
    const eq = eqs[buf[j]!]!;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    const ph = mv | ~(xh | pv);
    const mh = pv & xh;
    score += ((ph >>> sh) & 1) - ((mh >>> sh) & 1);
    const ph1 = ph << 1;
    pv = (mh << 1) | ~(xv | ph1);
    mv = ph1 & xv;
    best = score < best ? score : best;
  }
  bests[0] = best;
  bests[1] = qbest;
}

function bytesEqual(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/** fuse.js's field-length norm: 1 / sqrt(number of whitespace-separated tokens), 3 decimals. */
export function countTokens(value: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!((code >= 9 && code <= 13) || code === 32 || code === 160)) {
      if (!inWord) {
        n++;
        inWord = true;
      }
    } else inWord = false;
  }
  return n === 0 ? 1 : n;
}

const normCache: number[] = [];
export function normForTokens(tokens: number): number {
  let v = normCache[tokens];
  if (v === undefined) {
    v = Math.round(1000 / Math.pow(tokens, 0.5)) / 1000;
    normCache[tokens] = v;
  }
  return v;
}

/** One field's factor in fuse.js's score: score ^ (weight × norm), a perfect 0 counting as EPSILON. */
export function fieldFactor(score: number, weight: number, norm: number): number {
  return Math.pow(score === 0 && weight ? Number.EPSILON : score, weight * norm);
}

export function isBlank(s: string): boolean {
  return !s.trim().length;
}
