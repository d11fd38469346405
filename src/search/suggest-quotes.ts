import { TrigramPostings, patternTrigrams } from './trigrams.js';
import { normForTokens } from './bitap.js';
import { W_QUOTE, W_TEXT } from './weights.js';

/**
 * Quote suggestions while the user types (Discord autocomplete, Slack options): a fixed, small
 * amount of work per keystroke whatever the corpus size, instead of the full search.
 *
 * The full search proves fuse.js's top ten; autocomplete needs something cheaper and simpler to
 * state: the quotes that contain what was typed, verbatim (case folded), best first; then, when
 * there are not enough of those, the quotes sharing most of its trigrams (typos), if fuse.js's
 * score matches them at all. Both are ranked by fuse.js's exact score, as search results are.
 *
 * Bounded work. Verbatim matches: the rarest trigram list's statements, intersected with the other
 * lists by galloping search (no long list is read); when that list is longer than `firstList`
 * (common words: "the po"), only its newest `firstList` statements: for text that common a recent
 * quote is as good a suggestion as an old one. fuse.js prefers short statements among verbatim
 * matches, so they are checked and scored shortest first (`prior`), at most `exactScored`.
 * Look-alikes: trigram counts over bounded reads (see lookAlikes), at most `fuzzyScored` scored.
 * Matches through the speaker, outlet or article title only are not offered (the full search
 * finds those): a suggestion is a quote whose words match what was typed.
 */

/**
 * What quote suggestions need of an index (FastIndex provides it). Columns rather than callbacks
 * where tens of thousands of statements are looked at: plain array reads stay fast even before
 * the JIT has compiled this code (the first keystrokes after a start).
 */
export interface QuoteSource {
  /** Statement numbers run from 0 to n - 1, oldest first. */
  readonly n: number;
  readonly postings: TrigramPostings;
  /** Per statement: 1 when live. */
  readonly live: Uint8Array;
  /** Per statement: its kind's code; `quoteKinds[code]` is 1 for kinds suggestions offer (quotes). */
  readonly kind: Uint8Array;
  readonly quoteKinds: Uint8Array;
  /** Per statement: tokens of its text and of its quote (0: none), fuse.js's field lengths. */
  readonly textTok: Uint16Array;
  readonly quoteTok: Uint16Array;
  /** The folded text (or the quote kept apart from it) contains `pattern` verbatim. */
  contains(doc: number, pattern: string): boolean;
  /** fuse.js's score for the pattern (lower is better); 2 when nothing matches. */
  score(doc: number): number;
}

/** Live and of a quote kind: what quote suggestions may offer. */
function isQuote(src: QuoteSource, d: number): boolean {
  return src.live[d] === 1 && src.quoteKinds[src.kind[d]!] === 1;
}

/** fuse.js's field-length norm by token count (0 for an absent field), tabulated for short fields. */
const NORMS = Float64Array.from({ length: 1024 }, (_, t) => (t > 0 ? normForTokens(t) : 0));
function norm(tokens: number): number {
  return tokens < 1024 ? NORMS[tokens]! : normForTokens(tokens);
}

export interface SuggestBudget {
  /** Look-alikes: postings of the rarest lists read whole at most. */
  postings: number;
  /** Look-alikes: postings of all lists over the newest statements at most. */
  windowPostings: number;
  /** Postings of the rarest list read at most (beyond them: the newest statements only). */
  firstList: number;
  /** Verbatim matches scored at most. */
  exactScored: number;
  /** Statements checked byte by byte for the pattern at most. */
  verified: number;
  /** Look-alikes (shared trigrams) scored at most. */
  fuzzyScored: number;
  /** Statements looked at for one or two typed characters (no trigram to look up). */
  shortScan: number;
}

/**
 * At 1M statements (bench/.cache, 100 partial queries, warm): p50 ~2.4 ms, p99 ~5.5 ms per
 * suggestion. firstList is what buys agreement with the full search (its share of the full
 * search's suggestions: 0.27 at 15k, 0.30 at 20k, 0.35 at 30k, 0.36 at 40k, 0.38 at 60k, each
 * step ~0.1 ms at p50); its cost shows in the first keystrokes after a start, before the JIT
 * (bench/probe.ts p99 ~11 ms at 20k, ~11 at 30k, ~14 at 40k): 30k. Smaller look-alike budgets
 * than these lost a few suggestions.
 */
export const SUGGEST_BUDGET: SuggestBudget = {
  postings: 40_000,
  windowPostings: 80_000,
  firstList: 30_000,
  exactScored: 100,
  verified: 1500,
  fuzzyScored: 150,
  shortScan: 20_000,
};

/** fuse.js's text and quote weights add up to 0.64 (weights.ts): priors lie below this. */
export const PRIOR_MAX = 0.65;
const BINS = 64;

/** Reusable per-index scratch arrays (a suggestion must not allocate a million-entry array). */
export class QuoteSuggester {
  private counts = new Uint8Array(1024);
  private touched = new Uint32Array(1024);
  /**
   * Candidate buffers, kept: a large typed array per keystroke is external memory, and enough of
   * it makes V8 collect the whole (million-statement) heap mid-keystroke.
   */
  private candA = new Uint32Array(1024);
  private candB = new Uint32Array(1024);

  /** The best `want` statements for a folded pattern as [statement, score], best first. */
  top(src: QuoteSource, pattern: string, want: number, budget: SuggestBudget = SUGGEST_BUDGET): Array<[number, number]> {
    if (want <= 0) return [];
    const n = src.n;
    if (pattern.trim() === '') {
      // Nothing typed yet: the newest quotes.
      const out: Array<[number, number]> = [];
      for (let d = n - 1; d >= 0 && d >= n - budget.shortScan && out.length < want; d--) if (isQuote(src, d)) out.push([d, 0]);
      return out;
    }
    if (pattern.length < 3) {
      // No trigram to look up: the newest statements, searched byte by byte.
      const found: number[] = [];
      for (let d = n - 1; d >= 0 && d >= n - budget.shortScan; d--) if (isQuote(src, d) && src.contains(d, pattern)) found.push(d);
      return rank(src, bestByPrior(src, found, budget.exactScored), want);
    }
    const { ids, distinct } = patternTrigrams(pattern, src.postings);
    if (ids.length === 0) return [];
    const lists = ids.map((id) => src.postings.lists(id)).sort((a, b) => a.size - b.size);
    const scored = new Set<number>();
    const results: Array<[number, number]> = [];
    const take = (d: number): void => {
      scored.add(d);
      const s = src.score(d);
      if (s < 2) results.push([d, s]);
    };
    // Verbatim: only possible when the index knows every trigram of the pattern.
    if (ids.length === distinct) {
      // Checked in prior order, and only as many as needed: a common pattern ("the") has tens of
      // thousands of candidates, and a pattern whose trigrams are common but scattered ("the in
      // of") has few true ones among them.
      let checked = 0;
      // One trigram typed ("the", "hou"): every statement of its list contains it and there are
      // hundreds of thousands; the newest quarter of the window is plenty to pick short ones from.
      const window = lists.length === 1 ? budget.firstList >> 2 : budget.firstList;
      for (const d of byPrior(src, this.withEveryTrigram(src, lists, window))) {
        if (scored.size >= budget.exactScored || checked++ >= budget.verified) break;
        if (src.contains(d, pattern)) take(d);
      }
    }
    // Look-alikes (typos) only when the verbatim matches do not fill half: the caller asks for
    // twice what it shows (room for repeats), and a look-alike ranks below a verbatim match anyway.
    if (results.length < Math.ceil(want / 2)) {
      // Most trigrams shared first, then the largest prior.
      this.lookAlikes(src, lists, budget, scored, take, () => results.length >= Math.ceil(want / 2));
    }
    return sortTop(results, want);
  }

  /**
   * The quotes with every trigram of the pattern: the rarest list's statements (its newest
   * `firstList`), intersected with every other list by galloping search (cheap however long those
   * lists are). Having every trigram does not mean containing the pattern: the caller checks.
   */
  private withEveryTrigram(src: QuoteSource, lists: readonly List[], firstList: number): number[] {
    const first = lists[0]!;
    const size = Math.min(first.size, firstList);
    if (this.candA.length < size) {
      this.candA = new Uint32Array(size);
      this.candB = new Uint32Array(size);
    }
    let cands = this.candA;
    let next = this.candB;
    let nc = 0;
    const from = Math.max(0, first.size - firstList);
    const { live, kind, quoteKinds } = src;
    for (const [seg, start] of [[first.base, Math.min(from, first.base.length)], [first.tail, Math.max(0, from - first.base.length)]] as const) {
      for (let i = start; i < seg.length; i++) {
        const d = seg[i]!;
        // isQuote, written out: the first keystrokes run this before the JIT inlines anything.
        if (live[d] === 1 && quoteKinds[kind[d]!] === 1) cands[nc++] = d;
      }
    }
    for (let li = 1; li < lists.length && nc > 0; li++) {
      const l = lists[li]!;
      // Base and tail are ascending and every tail statement follows the base: the result is too.
      let kept = intersect(cands, nc, l.base, next, 0);
      if (l.tail.length > 0) kept = intersect(cands, nc, l.tail, next, kept);
      [cands, next] = [next, cands];
      nc = kept;
    }
    return Array.from(cands.subarray(0, nc));
  }

  /**
   * Up to `fuzzyScored` quotes not yet scored, by how many of the pattern's trigrams they share,
   * from two bounded reads (typos in this corpus's words leave mostly common trigrams):
   *  - the rarest lists that fit `postings`, read whole: a rare typed word ("priocrejaiment
   *    disha") finds the quotes with that word anywhere in the corpus;
   *  - every list, over the newest statements that keep them within `windowPostings`: the full
   *    trigram profile, which finds a typo of a common-looking word ("thicruastly").
   */
  private lookAlikes(
    src: QuoteSource,
    all: readonly List[],
    budget: SuggestBudget,
    scored: ReadonlySet<number>,
    take: (doc: number) => void,
    enough: () => boolean,
  ): void {
    // Counts are bytes: at most MAX_COUNTED lists, the rarest.
    const lists = all.slice(0, MAX_COUNTED);
    let left = budget.fuzzyScored;
    let fit = 0;
    for (let sum = 0; fit < lists.length && sum + lists[fit]!.size <= budget.postings; fit++) sum += lists[fit]!.size;
    if (fit > 0 && fit < lists.length) {
      for (const d of this.mostShared(src, lists.slice(0, fit), 0, left >> 1, scored)) {
        take(d);
        left--;
      }
      // The rare word found enough: the second read would cost as much again for worse matches.
      if (enough()) return;
    }
    const lo = windowStart(lists, budget.windowPostings, src.n);
    for (const d of this.mostShared(src, lists, lo, left, scored)) take(d);
  }

  /** The `max` quotes (from statement `lo` on, not in `skip`) having most of the lists' trigrams. */
  private mostShared(src: QuoteSource, lists: readonly List[], lo: number, max: number, skip: ReadonlySet<number>): number[] {
    if (max <= 0) return [];
    const n = src.n;
    if (this.counts.length < n) this.counts = new Uint8Array(Math.max(n, this.counts.length * 2));
    const counts = this.counts;
    const total = inWindow(lists, lo);
    if (this.touched.length < total) this.touched = new Uint32Array(Math.max(total, this.touched.length * 2));
    const touched = this.touched;
    let nt = 0;
    for (const l of lists) {
      const from = lowerBound(l, lo);
      nt = countInto(l.base, Math.min(from, l.base.length), counts, touched, nt);
      nt = countInto(l.tail, Math.max(0, from - l.base.length), counts, touched, nt);
    }
    try {
      // Levels of shared trigrams from the top, down to one that holds a few times `max` (most
      // statements are not quotes, some are scored already); a level taken in part, by prior.
      const top = lists.length;
      const hist = new Uint32Array(top + 1);
      for (let i = 0; i < nt; i++) hist[counts[touched[i]!]!]!++;
      const out: number[] = [];
      for (let high = top; high >= 1 && out.length < max; ) {
        let low = high;
        let cum = hist[high]!;
        while (low > 1 && cum < 3 * (max - out.length)) cum += hist[--low]!;
        const levels: number[][] = Array.from({ length: high - low + 1 }, () => []);
        for (let i = 0; i < nt; i++) {
          const d = touched[i]!;
          const c = counts[d]!;
          if (c >= low && c <= high && !skip.has(d) && isQuote(src, d)) levels[high - c]!.push(d);
        }
        for (const level of levels) {
          if (out.length >= max) break;
          for (const d of bestByPrior(src, level, max - out.length)) out.push(d);
        }
        high = low - 1;
      }
      return out;
    } finally {
      for (let i = 0; i < nt; i++) counts[touched[i]!] = 0;
    }
  }
}

/** Counts each statement of seg[from..] once more, noting those seen for the first time. */
function countInto(seg: Uint32Array, from: number, counts: Uint8Array, touched: Uint32Array, nt: number): number {
  for (let i = from; i < seg.length; i++) {
    const d = seg[i]!;
    const c = counts[d]!;
    counts[d] = c + 1;
    if (c === 0) touched[nt++] = d;
  }
  return nt;
}

/** Postings of the lists from statement `lo` on. */
function inWindow(lists: readonly List[], lo: number): number {
  let sum = 0;
  for (const l of lists) sum += l.size - lowerBound(l, lo);
  return sum;
}

/** The oldest statement from which the lists hold at most `postings` postings (0: all of them). */
function windowStart(lists: readonly List[], postings: number, n: number): number {
  if (inWindow(lists, 0) <= postings) return 0;
  let a = 0;
  let b = n;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (inWindow(lists, mid) > postings) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Trigram lists counted for look-alikes at most (the rarest ones). */
const MAX_COUNTED = 24;

function rank(src: QuoteSource, docs: readonly number[], want: number): Array<[number, number]> {
  const results: Array<[number, number]> = [];
  for (const d of docs) {
    const s = src.score(d);
    if (s < 2) results.push([d, s]);
  }
  return sortTop(results, want);
}

/** Best score first; ties by statement number, as the search breaks them. */
function sortTop(results: Array<[number, number]>, want: number): Array<[number, number]> {
  results.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return results.slice(0, want);
}

/** Statements by prior, largest first, newest first within a bin (a counting sort: no comparisons). */
function byPrior(src: QuoteSource, docs: readonly number[]): number[] {
  const bin = new Uint8Array(docs.length);
  const start = new Uint32Array(BINS + 1);
  const { textTok, quoteTok } = src;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    // The prior: fuse.js's exponent for an exact match of this statement (0 up to PRIOR_MAX).
    // Shorter fields weigh more, so a larger prior ranks first among verbatim matches.
    const t = textTok[d]!;
    const q = quoteTok[d]!;
    const p = W_TEXT * (t < 1024 ? NORMS[t]! : norm(t)) + W_QUOTE * (q < 1024 ? NORMS[q]! : norm(q));
    const b = Math.min(BINS - 1, Math.max(0, Math.floor((p / PRIOR_MAX) * BINS)));
    // Bin 0 holds the largest priors.
    bin[i] = BINS - 1 - b;
    start[bin[i]! + 1]!++;
  }
  for (let b = 0; b < BINS; b++) start[b + 1]! += start[b]!;
  const out = new Array<number>(docs.length);
  const fill = start.slice(0, BINS);
  for (let i = docs.length - 1; i >= 0; i--) out[fill[bin[i]!]!++] = docs[i]!;
  return out;
}

/** The `k` statements of largest prior (all of them when there are no more). */
function bestByPrior(src: QuoteSource, docs: readonly number[], k: number): number[] {
  return docs.length <= k ? [...docs] : byPrior(src, docs).slice(0, k);
}

type List = { base: Uint32Array; tail: Uint32Array; size: number };

/** The i-th statement of a list (its base then its tail, both ascending). */
function at(l: List, i: number): number {
  return i < l.base.length ? l.base[i]! : l.tail[i - l.base.length]!;
}

/**
 * Appends to `out` (from `from`) the first `nc` of `cands` (ascending) that are in `seg`
 * (ascending); returns the new length. A merge when the part of `seg` between the first and last
 * candidate is short, else an exponential search per candidate (a common trigram's list is most of
 * the corpus: reading it would cost more than the rest of the suggestion).
 */
function intersect(cands: Uint32Array, nc: number, seg: Uint32Array, out: Uint32Array, from: number): number {
  let o = from;
  let j = lowerBoundIn(seg, cands[0]!, 0);
  const end = lowerBoundIn(seg, cands[nc - 1]! + 1, j);
  if (end - j <= 2 * nc) {
    for (let i = 0; i < nc && j < end; i++) {
      const d = cands[i]!;
      while (j < end && seg[j]! < d) j++;
      if (j < end && seg[j] === d) out[o++] = d;
    }
    return o;
  }
  for (let i = 0; i < nc && j < end; i++) {
    const d = cands[i]!;
    if (seg[j]! < d) {
      // Gallop: seg[lo] < d; the first position ≥ d is in (lo, lo + step].
      let lo = j;
      let step = 1;
      while (lo + step < end && seg[lo + step]! < d) {
        lo += step;
        step *= 2;
      }
      let a = lo + 1;
      let b = Math.min(end, lo + step);
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (seg[mid]! < d) a = mid + 1;
        else b = mid;
      }
      j = a;
    }
    if (j < end && seg[j] === d) out[o++] = d;
  }
  return o;
}

/** The first position ≥ `from` in an ascending array holding a value ≥ doc. */
function lowerBoundIn(seg: Uint32Array, doc: number, from: number): number {
  let a = from;
  let b = seg.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (seg[mid]! < doc) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** The position of the first statement ≥ doc in a list. */
function lowerBound(l: List, doc: number): number {
  if (doc <= 0) return 0;
  let a = 0;
  let b = l.size;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (at(l, mid) < doc) a = mid + 1;
    else b = mid;
  }
  return a;
}
