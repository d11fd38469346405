import { TrigramPostings, patternTrigrams } from './trigrams.js';

/**
 * Quote suggestions while the user types (Discord autocomplete, Slack options): a fixed, small
 * amount of work per keystroke whatever the corpus size, instead of the full search.
 *
 * The full search proves fuse.js's top ten; autocomplete needs something cheaper and simpler to
 * state: the quotes that contain what was typed, verbatim (case folded), best first; then, when
 * there are not enough of those, the quotes sharing most of its trigrams (typos), if fuse.js's
 * score matches them at all. Both are ranked by fuse.js's exact score, as search results are.
 *
 * Bounded work: trigram lists are read rarest first up to `postings` postings. When even the
 * rarest list is longer than `firstList` (common words: "the po"), only the newest statements are
 * looked at (the window holding the rarest list's last `firstList` postings): for text that common
 * any recent quote is as good a suggestion as an old one. Among verbatim matches, fuse.js prefers
 * short statements, so they are verified and scored shortest first (`prior`), at most `exactScored`;
 * at most `fuzzyScored` look-alikes are scored.
 */

/** What quote suggestions need of an index (FastIndex provides it). */
export interface QuoteSource {
  /** Statement numbers run from 0 to n - 1, oldest first. */
  readonly n: number;
  readonly postings: TrigramPostings;
  /** Live and a quote (direct or mixed): what quote suggestions may offer. */
  isQuote(doc: number): boolean;
  /** The folded text (or the quote kept apart from it) contains `pattern` verbatim. */
  contains(doc: number, pattern: string): boolean;
  /**
   * fuse.js's exponent for an exact match of this statement (from 0 up to PRIOR_MAX): shorter
   * fields weigh more, so a larger prior ranks first among verbatim matches.
   */
  prior(doc: number): number;
  /** fuse.js's score for the pattern (lower is better); 2 when nothing matches. */
  score(doc: number): number;
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

/** About 2–4 ms at 1M statements on the benchmark machine (bench/probe.ts autocomplete). */
export const SUGGEST_BUDGET: SuggestBudget = {
  postings: 60_000,
  windowPostings: 120_000,
  firstList: 20_000,
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

  /** The best `want` statements for a folded pattern as [statement, score], best first. */
  top(src: QuoteSource, pattern: string, want: number, budget: SuggestBudget = SUGGEST_BUDGET): Array<[number, number]> {
    if (want <= 0) return [];
    const n = src.n;
    if (pattern.trim() === '') {
      // Nothing typed yet: the newest quotes.
      const out: Array<[number, number]> = [];
      for (let d = n - 1; d >= 0 && d >= n - budget.shortScan && out.length < want; d--) if (src.isQuote(d)) out.push([d, 0]);
      return out;
    }
    if (pattern.length < 3) {
      // No trigram to look up: the newest statements, searched byte by byte.
      const found: number[] = [];
      for (let d = n - 1; d >= 0 && d >= n - budget.shortScan; d--) if (src.isQuote(d) && src.contains(d, pattern)) found.push(d);
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
      for (const d of byPrior(src, this.withEveryTrigram(src, lists, budget.firstList))) {
        if (scored.size >= budget.exactScored || checked++ >= budget.verified) break;
        if (src.contains(d, pattern)) take(d);
      }
    }
    if (results.length < want) {
      // Look-alikes (typos): most trigrams shared first, then the largest prior.
      for (const d of this.lookAlikes(src, lists, budget, scored)) take(d);
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
    let cands: number[] = [];
    for (let i = Math.max(0, first.size - firstList); i < first.size; i++) {
      const d = at(first, i);
      if (src.isQuote(d)) cands.push(d);
    }
    for (let li = 1; li < lists.length && cands.length > 0; li++) {
      const l = lists[li]!;
      const kept: number[] = [];
      let pos = 0;
      for (const d of cands) {
        pos = gallop(l, pos, d);
        if (pos >= l.size) break;
        if (at(l, pos) === d) kept.push(d);
      }
      cands = kept;
    }
    return cands;
  }

  /**
   * Up to `fuzzyScored` quotes not yet scored, by how many of the pattern's trigrams they share,
   * from two bounded reads (typos in this corpus's words leave mostly common trigrams):
   *  - the rarest lists that fit `postings`, read whole: a rare typed word ("priocrejaiment
   *    disha") finds the quotes with that word anywhere in the corpus;
   *  - every list, over the newest statements that keep them within `windowPostings`: the full
   *    trigram profile, which finds a typo of a common-looking word ("thicruastly").
   */
  private lookAlikes(src: QuoteSource, all: readonly List[], budget: SuggestBudget, scored: ReadonlySet<number>): number[] {
    // Counts are bytes: at most MAX_COUNTED lists, the rarest.
    const lists = all.slice(0, MAX_COUNTED);
    const skip = new Set(scored);
    const out: number[] = [];
    let fit = 0;
    for (let sum = 0; fit < lists.length && sum + lists[fit]!.size <= budget.postings; fit++) sum += lists[fit]!.size;
    if (fit > 0 && fit < lists.length) {
      for (const d of this.mostShared(src, lists.slice(0, fit), 0, budget.fuzzyScored >> 1, skip)) {
        out.push(d);
        skip.add(d);
      }
    }
    const lo = windowStart(lists, budget.windowPostings, src.n);
    for (const d of this.mostShared(src, lists, lo, budget.fuzzyScored - out.length, skip)) out.push(d);
    return out;
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
      for (let i = lowerBound(l, lo); i < l.size; i++) {
        const d = i < l.base.length ? l.base[i]! : l.tail[i - l.base.length]!;
        const c = counts[d]!;
        counts[d] = c + 1;
        if (c === 0) touched[nt++] = d;
      }
    }
    try {
      // A counting sort by shared trigrams, most first; the last level taken by prior.
      const start = new Uint32Array(lists.length + 2);
      for (let i = 0; i < nt; i++) start[lists.length - counts[touched[i]!]! + 1]!++;
      for (let c = 0; c <= lists.length; c++) start[c + 1]! += start[c]!;
      const sorted = new Uint32Array(nt);
      const fill = start.slice();
      for (let i = 0; i < nt; i++) sorted[fill[lists.length - counts[touched[i]!]!]!++] = touched[i]!;
      const out: number[] = [];
      for (let c = 0; c < lists.length && out.length < max; c++) {
        const level: number[] = [];
        for (let i = start[c]!; i < start[c + 1]!; i++) {
          const d = sorted[i]!;
          if (!skip.has(d) && src.isQuote(d)) level.push(d);
        }
        for (const d of bestByPrior(src, level, max - out.length)) out.push(d);
      }
      return out;
    } finally {
      for (let i = 0; i < nt; i++) counts[touched[i]!] = 0;
    }
  }
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
  for (let i = 0; i < docs.length; i++) {
    const b = Math.min(BINS - 1, Math.max(0, Math.floor((src.prior(docs[i]!) / PRIOR_MAX) * BINS)));
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

/** The position of the first statement ≥ doc in a list, from position `pos` on (exponential search). */
function gallop(l: List, pos: number, doc: number): number {
  if (pos >= l.size || at(l, pos) >= doc) return pos;
  let step = 1;
  let lo = pos;
  while (lo + step < l.size && at(l, lo + step) < doc) {
    lo += step;
    step *= 2;
  }
  // at(lo) < doc; the answer is in (lo, lo + step].
  let a = lo + 1;
  let b = Math.min(l.size, lo + step);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (at(l, mid) < doc) a = mid + 1;
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
