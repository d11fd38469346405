import { fieldFactor, normForTokens } from './bitap.js';
import { BoundHeap } from './heap.js';
import { phrasesPresent } from './filters.js';
import type { FastIndex, FastSearchTuning, QueryState } from './fast-index.js';
import { W_QUOTE, W_TEXT, W_TITLE, W_OUTLETS } from './weights.js';
import { foldForSearch } from './fuse-options.js';
import { TrigramPostings, patternTrigrams } from './trigrams.js';

/*
 * The best `limit` statements for a pattern, proven where it can be.
 *
 * Each statement has a lower bound on its fuse.js score: a statement missing j of the pattern's
 * (distinct) trigrams that were read has at least ⌈j/3⌉ errors in its text and its quote (one edit
 * destroys at most three trigrams; the q-gram lemma holds for any subset of the trigrams), at least
 * (pattern length − quote length) in a shorter quote, and its speaker, outlet and title factors are
 * at best their exact (speakers, outlets: small dictionaries scored per query) or best possible
 * (titles: a character-count filter) values. Statements are scored exactly (bitap.ts) best bound
 * first; once `limit` are in hand and no statement left — read or unread — can beat the last one,
 * the top is fuse.js's top, proven.
 *
 * Trigram lists are read rarest first, in stages: the first stage reads a few small lists (an
 * exact occurrence of the pattern contains every one of its trigrams, so the rarest list alone
 * holds every exact match, and a statement outside it has at least one error); only if the bound
 * of the statements not read is not yet worse than the current tenth does the next stage read
 * more. Statements not read are bounded all at once, from the per-index minima of token counts
 * (`DocStats`). Earlier stages run only where they can settle a query (a speaker's or outlet's
 * name, a phrase); for words alone the search goes straight to the last stage.
 *
 * The last stage (`tightLastStage`): with six errors allowed in 19 characters every statement is a
 * possible match, and doc-level trigram counts rank look-alikes poorly (stop-word trigrams are
 * shared anywhere in a statement). So the `textCandidates` statements sharing most trigrams are
 * taken in order and each scored by one Myers pass over its text with its quote's state beside it
 * (with exact speaker, outlet and title factors, that is its score), unless its trigram bound
 * cannot beat the current tenth. The top ten is then settled among the candidates (proven when
 * no statement that could match by its text was left out).
 */

/** Per-index minima used to bound the statements not read (a superset bound is still a bound). */
export interface DocStats {
  upTo: number;
  minTextTok: number;
  /** For each quote token count (capped at QT_CAP), the longest quote with that many tokens. */
  maxQuoteLenByTok: Int32Array;
  /** Token counts present (ascending), for iterating maxQuoteLenByTok. */
  quoteToks: number[];
  /**
   * The (text tokens, quote tokens) pairs present, each with its longest quote: a statement's
   * text and quote factors are bounded together (independent minima are far too optimistic: the
   * shortest text and the shortest quote are rarely one statement). Keyed tt * 1024 + qt.
   */
  pairs: Map<number, number>;
  pairList: Int32Array;
  /**
   * Per statement, the exponent its text and quote factors share when both match with the same
   * score s (W_TEXT·norm(text) + W_QUOTE·norm(quote)): s^x bounds the two factors together, so a
   * large group of statements can be bounded by bins of x without looking at each one.
   */
  x: Float32Array;
  minTitleTok: number;
  titlesUpTo: number;
  /** textLenHit[L] = some text is exactly L characters (L ≤ 32): an exact equality scores 0. */
  textLen: Uint8Array;
  quoteLen: Uint8Array;
}

const QT_CAP = 1023;
/** Above any score: what is left can only match through its title (see unpooledBound). */
const SETTLED = 1.5;
const BINS = 64;
const X_MAX = (W_TEXT + W_QUOTE) * 1.001;
const SLACK = 1 + 1e-9;

export function updateDocStats(ix: FastIndex, s: DocStats | null): DocStats {
  const st: DocStats = s ?? {
    upTo: 0,
    minTextTok: 65535,
    maxQuoteLenByTok: new Int32Array(QT_CAP + 1).fill(-1),
    quoteToks: [],
    textLen: new Uint8Array(33),
    quoteLen: new Uint8Array(33),
    pairs: new Map(),
    pairList: new Int32Array(0),
    x: new Float32Array(0),
    minTitleTok: 65535,
    titlesUpTo: 0,
  };
  for (let t = st.titlesUpTo; t < ix.titles.size; t++) if (ix.titles.tokens[t]! < st.minTitleTok) st.minTitleTok = ix.titles.tokens[t]!;
  st.titlesUpTo = ix.titles.size;
  if (st.x.length < ix.n) {
    const x = new Float32Array(Math.max(ix.n, st.x.length * 2));
    x.set(st.x);
    st.x = x;
  }
  const xs = st.x;
  const pairs = st.pairs;
  const before = pairs.size;
  const textTok = ix.textTok.data;
  const quoteTok = ix.quoteTok.data;
  const quoteLen = ix.quoteLen.data;
  const flen = ix.folded.len.data;
  let added = false;
  for (let d = st.upTo; d < ix.n; d++) {
    const tt = textTok[d]!;
    if (tt > 0 && tt < st.minTextTok) st.minTextTok = tt;
    const tl = flen[d]!;
    if (tl <= 32) st.textLen[tl] = 1;
    const qt = quoteTok[d]!;
    // Rounded up to a float: a bound must not lose exponent.
    xs[d] = Math.fround((tt > 0 ? W_TEXT * normForTokens(tt) : 0) + (qt > 0 ? W_QUOTE * normForTokens(qt) : 0)) * (1 + 1e-6);
    {
      // Token counts above QT_CAP count as QT_CAP: fewer tokens is the better (lower) bound.
      const key = Math.min(tt, QT_CAP) * 1024 + Math.min(qt, QT_CAP);
      const ql = qt === 0 ? 0 : quoteLen[d]!;
      const had = pairs.get(key);
      if (had === undefined || ql > had) pairs.set(key, ql);
    }
    if (qt > 0) {
      const ql = quoteLen[d]!;
      const b = Math.min(qt, QT_CAP);
      if (st.maxQuoteLenByTok[b]! < 0) added = true;
      if (ql > st.maxQuoteLenByTok[b]!) st.maxQuoteLenByTok[b] = ql;
      if (ql <= 32) st.quoteLen[ql] = 1;
    }
  }
  st.upTo = ix.n;
  if (pairs.size !== before || s === null) {
    // Only pairs no other pair dominates (fewer or equal tokens in both, a quote at least as long).
    const all = [...pairs.entries()].map(([key, ql]) => [key >> 10, key & 1023, ql] as const);
    const keep = all.filter(([tt, qt, ql]) => !all.some(([t2, q2, l2]) => (t2 !== tt || q2 !== qt || l2 !== ql) && t2 <= tt && q2 <= qt && (q2 === 0) === (qt === 0) && l2 >= ql));
    st.pairList = new Int32Array(keep.flatMap(([tt, qt, ql]) => [tt, qt, ql]));
  }
  if (added || s === null) {
    st.quoteToks = [];
    for (let b = 1; b <= QT_CAP; b++) if (st.maxQuoteLenByTok[b]! >= 0) st.quoteToks.push(b);
  }
  return st;
}

export interface TopDocsResult {
  top: Array<[number, number]>;
  evaluated: number;
  stage: string;
}

interface Marks {
  counts: Uint8Array;
  /** 1: in the pool already (speaker/outlet statements, or read), 2: scored exactly. */
  flags: Uint8Array;
  touched: Uint32Array;
}

const POOLED = 1;
const SCORED = 2;
const REQUIRED = 4;
/** At most this many exact occurrences of a common word go on to the heap (top-docs' last stage). */
const WHOLE_ROOM = 1500;
/** Left out by a filter (top-docs' last stage). */
const DROPPED = 16;

/** Statements per SIMD Myers batch (two jobs each: text and quote). */
const BATCH = 256;
const batchDocs = new Int32Array(BATCH);
const batchText = new Float64Array(BATCH);
const batchQuote = new Float64Array(BATCH);
const batchHandled = new Uint8Array(BATCH);

export function rankTopDocs(
  ix: FastIndex,
  st: QueryState,
  pattern: string,
  phrases: readonly string[],
  allowed: ((doc: number) => boolean) | null,
  limit: number,
  tuning: FastSearchTuning,
  marks: Marks,
  stats: DocStats,
  prove = limit,
): TopDocsResult {
  const m = pattern.length;
  const n = ix.n;
  const live = ix.live.data;
  const { counts, flags } = marks;
  let touched = marks.touched;
  // The q-gram bound holds for one Bitap chunk; longer patterns are averaged over chunks, so they
  // are ranked by the same formula but never proven.
  const provable = m <= 32;
  let k = 0;
  while ((k + 1) / Math.min(m, 32) <= st.pat.threshold && k + 1 < Math.min(m, 32)) k++;
  const textTok = ix.textTok.data;
  const quoteTok = ix.quoteTok.data;
  const quoteStart = ix.quoteStart.data;
  const quoteLenCol = ix.quoteLen.data;
  const flen = ix.folded.len.data;

  const top: Array<[number, number]> = [];
  let evaluated = 0;
  let exactBudget = tuning.maxExact;
  const cleanup: number[] = [];

  // --- Speakers and outlets whose names match: their statements join the pool (capped).
  let cappedMeta = 1;
  const entityPool: number[] = [];
  const addDocs = (docs: Uint32Array, factor: number): void => {
    let taken = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (flags[d]! & POOLED || !live[d] || (allowed && !allowed(d))) continue;
      if (taken >= tuning.perEntity || entityPool.length >= tuning.maxPooled) {
        cappedMeta = Math.min(cappedMeta, factor);
        return;
      }
      flags[d] = POOLED;
      entityPool.push(d);
      taken++;
    }
  };
  let bestOutlet = 1;
  let secondOutlet = 1;
  // Best names first: the pool is capped in all (a word like "the" matches most outlets).
  const matching: Array<[number, number]> = [];
  for (let e = 0; e < ix.entities.length; e++) {
    const f = ix.entityFactorOf(st, e);
    if (f < 1) matching.push([f, e]);
  }
  matching.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [f, e] of matching) addDocs(ix.entities[e]!.docs.view(), f);
  const entityCap = cappedMeta;
  cappedMeta = 1;
  const outletsMatching: Array<[number, number]> = [];
  for (let o = 0; o < ix.outlets.size; o++) {
    const s = st.outletScore[o]!;
    if (s < 1) outletsMatching.push([fieldFactor(s, W_OUTLETS, normForTokens(ix.outlets.tokens[o]!)), o]);
  }
  outletsMatching.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [f, o] of outletsMatching) {
    {
      const before = cappedMeta;
      addDocs(ix.outlets.docs[o]!.view(), f);
      if (cappedMeta < before) {
        // A statement has at most two outlets (its own and its article's).
        if (cappedMeta < bestOutlet) {
          secondOutlet = bestOutlet;
          bestOutlet = cappedMeta;
        } else if (cappedMeta < secondOutlet) secondOutlet = cappedMeta;
        cappedMeta = before;
      }
    }
  }
  let titlesPooled = false;
  const scanTitles = tuning.scanTitles || ix.titles.size <= tuning.titleScanMax;
  if (scanTitles) {
    cappedMeta = 1;
    for (let t = 0; t < ix.titles.size; t++) if (ix.titleScoreOf(st, t) < 1) addDocs(ix.titles.docs[t]!.view(), 0);
    titlesPooled = cappedMeta === 1;
  }
  /** The best metadata factor of a statement not in the pool (speaker/outlet lists were capped). */
  const metaUnpooled = entityCap * bestOutlet * secondOutlet;
  let titleBest = -1;
  const bestTitle = (): number => {
    // The best a title can do without scanning them all: an exact occurrence in the shortest
    // title (scanning every title by character counts cost milliseconds at 1M and rarely did better).
    if (titleBest < 0) {
      titleBest = fieldFactor(0.001, W_TITLE, normForTokens(stats.minTitleTok));
      const same = ix.titles.ids.get(pattern);
      if (same !== undefined) titleBest = Math.min(titleBest, fieldFactor(0, W_TITLE, normForTokens(ix.titles.tokens[same]!)));
    }
    return titleBest;
  };

  // --- Bounds.
  const sOf = (e: number, canEqual: boolean): number => (e === 0 ? (canEqual ? 0 : 0.001) : Math.max(0.001, e / m));
  const fieldBound = (e0: number, len: number, tokens: number, w: number): number => {
    const e = Math.max(e0, m - len);
    if (e > k) return 1;
    return fieldFactor(sOf(e, len === m), w, normForTokens(tokens));
  };
  /** Lower bound for one statement that misses at least e0 errors' worth of trigrams. */
  const docBound = (d: number, e0: number): number => {
    let f = 1;
    if (e0 <= k) {
      const tt = textTok[d]!;
      if (tt > 0) f *= fieldBound(e0, flen[d]!, tt, W_TEXT);
      const qt = quoteTok[d]!;
      if (qt > 0) f *= fieldBound(e0, quoteLenCol[d]!, qt, W_QUOTE);
    }
    return f * ix.metaBound(st, d, pattern, k, bestTitle());
  };
  const xs = stats.x;
  const pair = new Float64Array(2);
  /** Errors' worth of trigrams a statement sharing c of those read misses (a third each). */
  const e0Frac = (c: number): number => Math.max(0, read + missing - c) / 3;
  /** Lower bound for every statement not in the pool that misses ≥ e0 errors' worth. */
  const boundCache = new Map<number, number>();
  let titleOnlyLeft = false;
  const unpooledBound = (e0: number): number => {
    if (!provable) return 0;
    let v = boundCache.get(e0);
    if (v !== undefined) return v;
    let textish = 1;
    if (e0 <= k) {
      const pl = stats.pairList;
      const sText = sOf(e0, e0 === 0 && stats.textLen[m] === 1);
      for (let i = 0; i < pl.length; i += 3) {
        const tt = pl[i]!;
        const qt = pl[i + 1]!;
        const ql = pl[i + 2]!;
        let f = tt > 0 ? fieldFactor(sText, W_TEXT, normForTokens(tt)) : 1;
        if (qt > 0) {
          const e = Math.max(e0, m - ql);
          if (e <= k) f *= fieldFactor(sOf(e, e === 0 && stats.quoteLen[m] === 1), W_QUOTE, normForTokens(qt));
        }
        if (f < textish) textish = f;
      }
    }
    // With every statement of a matching title pooled, the others' titles do not match.
    if (textish >= 1 && metaUnpooled >= 1 && !titlesPooled && !scanTitles) {
      // Only a title could match: such statements are not candidates in this tuning (titles
      // weigh least), so more lists cannot change the result; it is settled, not proven.
      titleOnlyLeft = true;
      v = SETTLED;
    } else v = textish * metaUnpooled * (titlesPooled ? 1 : bestTitle());
    boundCache.set(e0, v);
    return v;
  };

  // --- Trigram lists, rarest first.
  const { ids: triIds, distinct } = patternTrigrams(pattern, ix.postings);
  const missing = distinct - triIds.length;
  const listIds = [...triIds];
  const lists = listIds.map((t) => ix.postings.lists(t));
  const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.size - lists[b]!.size);
  const sortedIds = order.map((i) => listIds[i]!);
  lists.splice(0, lists.length, ...order.map((i) => lists[i]!));
  // A phrase must appear verbatim, so a result has every trigram of it: the rarest such list is
  // read first and statements outside it are out (a phrase trigram no statement has: no results).
  let phraseReq = false;
  const foldedPhrases = phrases.map(foldForSearch);
  const hasPhrases = (d: number): boolean => {
    for (const p of foldedPhrases) {
      if (!ix.folded.includes(d, p) && !(quoteStart[d] === -2 && ix.foldedQuotes.includes(d, p))) return false;
    }
    return true;
  };
  // The three rarest phrase trigrams are read first; a statement needs all three (then a byte
  // search) to be a candidate at all.
  let reqCount = 0;
  if (phrases.length > 0 && m >= 3 && m <= 32) {
    const req = new Map<number, number>();
    for (const p of phrases) {
      const fp = foldForSearch(p);
      for (let i = 0; i + 2 < fp.length; i++) {
        const id = ix.postings.find(TrigramPostings.keyOf(fp.charCodeAt(i), fp.charCodeAt(i + 1), fp.charCodeAt(i + 2)));
        if (id < 0) return { top: [], evaluated: 0, stage: 'phrase-absent:proven' };
        req.set(id, ix.postings.lists(id).size);
      }
    }
    const rarest = [...req.entries()].sort((a, b) => a[1] - b[1]).slice(0, 3).map(([id]) => id);
    const picked = rarest.map((id) => sortedIds.indexOf(id)).filter((at) => at >= 0);
    if (picked.length > 0) {
      const front = picked.map((at) => lists[at]!);
      const restLists = lists.filter((_, i) => !picked.includes(i));
      lists.splice(0, lists.length, ...front, ...restLists);
      reqCount = front.length;
      phraseReq = true;
    }
  }
  const maxLists = Math.min(lists.length, tuning.maxLists, 255);
  const stageEnds: number[] = [];
  {
    const fractions = [...tuning.stages, tuning.postingsFraction];
    let cut = 0;
    let cum = 0;
    for (let s = 0; s < fractions.length; s++) {
      const last = s === fractions.length - 1;
      const budget = last ? Math.max(tuning.minPostings, n * fractions[s]!) : Math.max(tuning.minStagePostings, n * fractions[s]!);
      while (cut < maxLists && (cut < (last ? Math.max(tuning.minLists, reqCount) : Math.max(1, reqCount)) || cum + lists[cut]!.size <= budget)) {
        cum += lists[cut]!.size;
        cut++;
      }
      if (stageEnds.length === 0 || cut > stageEnds[stageEnds.length - 1]!) stageEnds.push(cut);
      else if (last) stageEnds[stageEnds.length - 1] = cut;
    }
    if (touched.length < cum) touched = marks.touched = new Uint32Array(Math.max(cum, touched.length * 2));
  }
  // Too short for trigrams, or (autocomplete) even the rarest list too long to read: statements
  // in order instead.
  if (m < 3 || lists.length === 0 || lists[0]!.size > tuning.maxFirstList) stageEnds.length = 0;
  else if (!provable) stageEnds.splice(0, stageEnds.length - 1);
  // The earlier stages prove a top ten of a speaker's or outlet's statements or of a phrase; for
  // words alone (measured at 1M: no such query proven before the last stage) they only cost.
  else if (entityPool.length === 0 && !phraseReq && tuning.tightLastStage) stageEnds.splice(0, stageEnds.length - 1);

  const heap = new BoundHeap();
  let nt = 0;
  let read = 0;
  let stage = 'none';
  let proven = false;
  let stopped = false;
  let fullScan = false;

  /**
   * At most `max` statements of those touched (not pooled or scored), by shared-trigram count,
   * highest first. A count level that does not fit whole gives its best by the score an exact
   * occurrence would have there (shorter texts and quotes score better for the same errors;
   * speakers and outlets that match count), the quote counted only where the pattern occurs in
   * it when the level holds every trigram of the pattern (a speaker's name stands outside the
   * quotes, a common word often inside).
   */
  /** The title's factor if it holds the pattern verbatim, else 1 (a key, not a bound). */
  const titleFactors = new Map<number, number>();
  const titleExactFactor = (d: number): number => {
    const t = ix.articles[ix.article.data[d]!]!.titleId;
    let f = titleFactors.get(t);
    if (f === undefined) {
      const title = ix.titles.strings[t]!;
      f = title.includes(pattern) ? fieldFactor(title === pattern ? 0 : 0.001, W_TITLE, normForTokens(ix.titles.tokens[t]!)) : 1;
      titleFactors.set(t, f);
    }
    return f;
  };
  /**
   * `visit` gets each level's candidates as they are chosen; with `worthIt`, a level (and all below
   * it) is not even looked at once no statement sharing that few trigrams can beat the tenth (for
   * a common word, the exact occurrences leave every look-alike behind).
   */
  const selectCandidates = (
    minC: number,
    max: number,
    visit: ((docs: readonly number[]) => void) | null,
    worthIt: ((c: number) => boolean) | null,
  ): { docs: number[]; capped: boolean } => {
    // Filters are checked here, once per statement touched (a speaker filter may leave few of
    // them at any level); a phrase's byte search only on the levels taken.
    const hist = countLevels(touched, nt, counts, flags, read, minC, live, allowed, phraseReq);
    const docs: number[] = [];
    // Statements of a level taken in part: not every statement that could match is a candidate.
    let leftOut = false;
    let hi = read;
    let hopeless = false;
    while (docs.length < max && hi >= minC) {
      if (worthIt && !worthIt(hi)) {
        hopeless = true;
        break;
      }
      // Levels from `hi` down to the one that makes the room left (twice with a phrase, whose
      // check drops some; if it drops more, another pass takes the next levels).
      let lo = hi;
      let total = hist[hi]!;
      while (lo > minC && total < (phraseReq ? 2 : 1) * (max - docs.length)) total += hist[--lo]!;
      const at = new Uint32Array(read + 2);
      for (let c = hi, pos = 0; c >= lo; c--) {
        at[c] = pos;
        pos += hist[c]!;
      }
      const levelEnd = at.slice();
      const byLevel = fillLevels(touched, nt, counts, flags, lo, hi, levelEnd, total);
      for (let c = hi; c >= lo && docs.length < max; c--) {
        if (c < hi && worthIt && hist[c]! > 0 && !worthIt(c)) {
          hopeless = true;
          break;
        }
        const taken = docs.length;
        let level: ArrayLike<number> = byLevel.subarray(at[c]!, levelEnd[c]!);
        if (phraseReq) level = Array.prototype.filter.call(level, (d: number) => hasPhrases(d)) as number[];
        // Every trigram of the pattern there: an exact occurrence is likely, look for it in the quote.
        const whole = c === read && read === lists.length && missing === 0;
        // A common word: its exact occurrences are ranked by the key nearly as fuse.js ranks
        // them, so at most WHOLE_ROOM are taken and the rest of the room goes to look-alikes;
        // the byte searches only for the statements whose lengths put them in the running
        // (speakers and outlets that match were pooled already).
        const room = whole ? Math.min(max - docs.length, WHOLE_ROOM) : max - docs.length;
        if (level.length <= room) {
          for (let j = 0; j < level.length; j++) docs.push(level[j]!);
          if (visit) visit(docs.slice(taken));
          continue;
        }
        leftOut = true;
        // Keys in log space: x · ln(s) + ln(speaker × outlet factor), lower is better.
        const lnS = Math.log(Math.max(0.001, e0Frac(c) / m));
        // A large level: its statements with the longest fields cannot make the key's cut (the
        // statements whose speakers or outlets match were pooled already), so only the 4 × room
        // with the highest x are keyed.
        if (level.length > 4 * room) {
          const byX = new Float64Array(level.length);
          for (let j = 0; j < level.length; j++) byX[j] = -xs[level[j]!]!;
          const cutX = kthSmallest(byX.slice(), 4 * room - 1);
          const kept: number[] = [];
          for (let j = 0; j < level.length; j++) if (byX[j]! <= cutX) kept.push(level[j]!);
          level = kept;
        }
        const keys = new Float64Array(level.length);
        for (let j = 0; j < level.length; j++) {
          const d = level[j]!;
          let x: number;
          const qt = quoteTok[d]!;
          if (whole && qt > 0) {
            const tt = textTok[d]!;
            const qs = quoteStart[d]!;
            x = tt > 0 ? W_TEXT * normForTokens(tt) : 0;
            if (qs === -2 ? ix.foldedQuotes.includes(d, pattern) : qs >= 0 && ix.folded.includesIn(d, pattern, qs, quoteLenCol[d]!)) x += W_QUOTE * normForTokens(qt);
          } else x = xs[d]!;
          const meta = ix.metaBound(st, d, pattern, k, whole ? titleExactFactor(d) : 1);
          keys[j] = x * lnS + (meta < 1 ? Math.log(meta) : 0);
        }
        const cut = kthSmallest(keys.slice(), room - 1);
        let ties = 0;
        for (let j = 0; j < level.length; j++) if (keys[j]! < cut) ties++;
        ties = room - ties;
        // Statements in order (ties by statement number, as fuse.js breaks them).
        for (let j = 0; j < level.length; j++) {
          if (keys[j]! < cut) docs.push(level[j]!);
          else if (keys[j] === cut && ties > 0) {
            docs.push(level[j]!);
            ties--;
          }
        }
        if (visit) visit(docs.slice(taken));
      }
      if (hopeless) break;
      hi = lo - 1;
    }
    // Levels never looked at because the room was full leave statements out too (not those that
    // could not beat the tenth).
    let capped = leftOut;
    if (!hopeless) for (let c = Math.max(minC, 1); c <= hi && !capped; c++) if (hist[c]! > 0) capped = true;
    return { docs, capped };
  };

  const pushBounded = (docs: readonly number[]): void => {
    for (const d of docs) heap.push(docBound(d, e0Frac(counts[d]!)), d);
  };
  /**
   * The last stage's loop, in order (the most shared trigrams first): a statement whose trigram
   * bound cannot beat the current tenth is passed over (the tenth only gets better, so it never
   * could), any other is scored — for a quote inside its text, by one Myers pass over both.
   * Looking at every candidate cost less than ordering them in a heap: for look-alike queries
   * nearly all of them needed their pass anyway. Patterns of several chunks (no bound holds):
   * `bounded` false, every candidate scored.
   */
  const scanTight = (docs: readonly number[], bounded = true): void => {
    // With the SIMD engine, the Myers passes of up to BATCH statements at a time: each batch's
    // members are chosen against the tenth as it stood when the batch began, so a few more are
    // scored than one by one would, but those could not enter the top (their bound is above a
    // tenth that only got better), and results are inserted in the same order: the same top.
    // Without it, one at a time.
    const size = ix.myersBatch && pattern.length >= 3 ? BATCH : 1;
    let i = 0;
    while (i < docs.length) {
      let nb = 0;
      for (; i < docs.length && nb < size; i++) {
        const d = docs[i]!;
        if (flags[d]! & SCORED) continue;
        if (bounded && top.length >= limit && docBound(d, e0Frac(counts[d]!)) > tenth()) continue;
        flags[d]! |= SCORED;
        cleanup.push(d);
        evaluated++;
        batchDocs[nb++] = d;
      }
      if (nb === 0) break;
      const batched = size > 1 && ix.textQuoteScoresBatch(st, batchDocs, nb, batchText, batchQuote, batchHandled);
      for (let b = 0; b < nb; b++) {
        const d = batchDocs[b]!;
        const cutoff = bounded && top.length >= limit ? tenth() : Infinity;
        const sc =
          batched && batchHandled[b]
            ? ix.exactScore(st, d, batchText[b], batchQuote[b], cutoff, bestTitle())
            : ix.textQuoteScores(st, d, pair)
              ? ix.exactScore(st, d, pair[0], pair[1], cutoff, bestTitle())
              : ix.exactScore(st, d);
        if (sc === 2) continue;
        if (phrases.length > 0 && !phrasesPresent(phrases, ix.folded.get(d), ix.foldedQuoteOf(d))) continue;
        insertTop(top, d, sc, limit);
      }
    }
  };
  // 2 000, or a fifth of the corpus, is plenty below 30k statements (10k: recall@10 0.977 with
  // 2 000, 0.995 with 6 000 at twice the time); the tuning's cap binds from 30k statements on.
  const lastCandidates = Math.min(tuning.textCandidates, Math.max(2000, Math.ceil(n / 5)));
  let stageBudget = Infinity;
  let finalBase = 0;
  const scoreNext = (from: BoundHeap = heap): boolean => {
    // Returns false when the budget is spent.
    if (evaluated >= stageBudget) return false;
    if (stageBudget === Infinity && evaluated >= exactBudget) {
      const weak = top.length < limit || top[top.length - 1]![1] > tuning.weakScore;
      if (!weak || exactBudget >= finalBase + tuning.maxExactWeak) return false;
      exactBudget = finalBase + tuning.maxExactWeak;
    }
    const d = from.pop();
    if (flags[d]! & SCORED) return true;
    flags[d]! |= SCORED;
    cleanup.push(d);
    evaluated++;
    const s = top.length >= limit ? ix.exactScoreBelow(st, d, top[top.length - 1]![1], m) : ix.exactScore(st, d);
    if (s === 2) return true;
    if (phrases.length > 0 && !phrasesPresent(phrases, ix.folded.get(d), ix.foldedQuoteOf(d))) return true;
    insertTop(top, d, s, limit);
    return true;
  };
  const tenth = (): number => (top.length >= limit ? top[top.length - 1]![1] * SLACK : Infinity);
  // Only the best `proveAt` must be exact (SearchOptions.prove): an earlier stage may stop once
  // nothing left can beat the `proveAt`-th, returning the best of what it scored beyond it.
  const proveAt = Math.max(1, Math.min(limit, Math.floor(prove)));
  const proofScore = (): number => (top.length >= proveAt ? top[proveAt - 1]![1] * SLACK : Infinity);

  if (stageEnds.length === 0) {
    // Too short for trigrams (k = 0: exact substrings): statements in order, capped.
    // A byte search, and at most 100 statements looked at per candidate wanted (autocomplete
    // asks for a few hundred: a rare pair of letters must not scan a million texts).
    let complete = true;
    const scanMax = Math.min(n, tuning.textCandidates * 100);
    for (let d = 0; d < n; d++) {
      if (d >= scanMax) {
        complete = false;
        break;
      }
      if (!live[d] || flags[d]! & POOLED || (allowed && !allowed(d))) continue;
      if (ix.folded.includes(d, pattern) || (quoteStart[d] === -2 && ix.foldedQuotes.includes(d, pattern))) {
        if (heap.size >= tuning.textCandidates) {
          complete = false;
          break;
        }
        heap.push(docBound(d, 0), d);
      }
    }
    for (const d of entityPool) heap.push(docBound(d, 1), d);
    // Statements without the pattern match only through metadata (pooled, or capped).
    const rest = complete && provable ? (metaUnpooled < 1 ? metaUnpooled * bestTitle() : 1) : 0;
    stage = 'short';
    // Every candidate is in the heap: score while one can still beat the tenth (and budget lasts).
    while (heap.size > 0 && heap.minKey <= tenth() && heap.minKey < 1) if (!scoreNext()) break;
    const left = Math.min(heap.minKey, rest);
    proven = left > tenth() || left >= 1;
  }

  for (let s = 0; s < stageEnds.length && !proven && !stopped; s++) {
    // After a failed stage with a weak top (look-alikes, 5-6 edits), the middle stages would not
    // prove it either: straight to the last.
    if (s > 0 && s < stageEnds.length - 1 && (top.length < proveAt || top[proveAt - 1]![1] > tuning.weakScore)) continue;
    const end = stageEnds[s]!;
    const last = s === stageEnds.length - 1;
    stage = `${last ? 'final' : 'stage'}${s + 1}`;
    // An earlier stage that cannot prove the top cheaply hands over to the next one.
    stageBudget = last ? Infinity : evaluated + tuning.stageExact;
    if (last) {
      // The final stage has the tuning's whole budget, whatever the earlier stages spent.
      finalBase = evaluated;
      exactBudget = evaluated + tuning.maxExact;
    }
    for (; read < end; read++) {
      const l = lists[read]!;
      nt = countPostings(l.base, counts, touched, nt);
      nt = countPostings(l.tail, counts, touched, nt);
      if (read + 1 === reqCount) markRequired(touched, nt, counts, flags, reqCount);
    }
    // Statements without the phrases are dropped before any bound or score (a byte search).
    const excluded = (d: number): boolean => phraseReq && (!(flags[d]! & REQUIRED) || !hasPhrases(d));
    const D = read + missing;
    // Whole errors for the bound of everything not read; per statement, the fractional value
    // (e0Frac, above: a weaker bound, but it orders statements by shared trigrams within a whole
    // error too).
    const e0Of = (c: number): number => Math.ceil((D - c) / 3);
    // Statements sharing fewer trigrams than this cannot match by their text (e0 > k).
    // (With a phrase every statement read is kept: it may have the phrase and match by metadata.
    // A pattern of several Bitap chunks matches a statement that matches any one chunk, which
    // takes only a few of the whole pattern's trigrams: a pasted paragraph matched nothing.)
    const minC = phraseReq || !provable ? 1 : Math.max(1, D - 3 * k);
    if (last && !provable && tuning.textCandidates >= n) {
      // The exhaustive mode (tests' and the benchmark's reference) on a pattern of several chunks:
      // no bound holds and a statement matching one chunk may share few of the whole pattern's
      // trigrams (or none that was read), so every statement is scored.
      const all: number[] = [];
      for (let d = 0; d < n; d++) if (live[d] && !excluded(d) && !(allowed && !allowed(d))) all.push(d);
      scanTight(all, false);
      break;
    }
    if (last && !provable && tuning.tightLastStage) {
      // Patterns of several Bitap chunks: no bound holds, so the statements sharing most trigrams
      // are scored whole, every one of them (a pass per chunk each).
      const cands = selectCandidates(minC, lastCandidates, null, null);
      scanTight([...entityPool.filter((d) => !excluded(d)), ...cands.docs], false);
      break;
    }
    if (last && provable && tuning.tightLastStage) {
      // The last stage: the statements sharing most trigrams are scored in order, one Myers pass
      // over text and quote each, unless their trigram bound cannot beat the tenth (scanTight).
      // Doc-level trigram counts rank look-alikes poorly (stop-word trigrams are shared anywhere
      // in a statement); the text's own best alignment is what fuse.js scores. Proven when no
      // statement that could match by its text was left out.
      scanTight(entityPool.filter((d) => !(flags[d]! & SCORED) && !excluded(d)));
      // Each level scanned as it is chosen; none below one whose best cannot beat the tenth
      // (every statement left has at least its errors).
      const cands = selectCandidates(minC, lastCandidates, scanTight, (c) => {
        const b = unpooledBound(e0Of(c));
        return !(b > tenth() || b >= 1);
      });
      const rest = cands.capped ? 0 : phraseReq ? 1 : unpooledBound(e0Of(0));
      proven = rest > tenth() || rest >= 1;
      break;
    }
    // Statements by count, highest first (a counting sort of those touched).
    // levelStart[c] .. levelStart[c - 1]: the statements with count c.
    const { levelStart, byLevel } = sortByCount(touched, nt, counts, flags, read, minC);
    // Long patterns (several Bitap chunks): ranked by the former estimate, never proven.
    const pseudoBound = (d: number, c: number): number => {
      const errors = Math.max(0, D - c) / 3;
      let lb = 1;
      if (errors <= k) {
        const s = errors === 0 ? 0.001 : Math.max(0.001, errors / m);
        const qt = quoteTok[d]!;
        if (qt > 0) lb *= fieldFactor(s, W_QUOTE, normForTokens(qt));
        const tt = textTok[d]!;
        if (tt > 0) lb *= fieldFactor(s, W_TEXT, normForTokens(tt));
      }
      return lb * ix.metaBound(st, d, pattern, k, bestTitle());
    };
    heap.clear();
    if (provable) pushBounded(entityPool.filter((d) => !(flags[d]! & SCORED) && !excluded(d)));
    else for (const d of entityPool) if (!(flags[d]! & SCORED) && !excluded(d)) heap.push(pseudoBound(d, counts[d]!), d);
    // (In a closure of its own, as the loops above: see countPostings.)
    (() => {
    // Statements are taken level by level (shared-trigram count, highest first) and, within a
    // level, by bins of their exponent x (best first): a large level is bounded bin by bin.
    // (Statements whose text or quote could equal the pattern, score 0, skip the bins.)
    const sBest = (e0: number): number => (e0 === 0 ? 0.001 : Math.max(0.001, e0 / m));
    const metaFloor = metaUnpooled * (titlesPooled ? 1 : bestTitle());
    interface OpenLevel {
      e0: number;
      docs: Uint32Array;
      /** binStart[b] .. binStart[b + 1]: the statements in bin b. */
      binStart: Uint32Array;
      bin: number;
      bound: number;
    }
    const open: OpenLevel[] = [];
    const binBound = (lv: OpenLevel): number => {
      while (lv.bin >= 0 && lv.binStart[lv.bin] === lv.binStart[lv.bin + 1]) lv.bin--;
      if (lv.bin < 0) return Infinity;
      // Bins hold x in [b, b + 1) · X_MAX / BINS: the top edge gives the lowest bound.
      if (lv.e0 > k) return metaFloor >= 1 ? 1 : metaFloor;
      return Math.pow(sBest(lv.e0), ((lv.bin + 1) * X_MAX) / BINS) * metaFloor;
    };
    const openLevel = (c: number): void => {
      const from = levelStart[c]!;
      const to = levelStart[c - 1]!;
      const binOf = new Uint16Array(to - from);
      const binStart = new Uint32Array(BINS + 1);
      let kept = 0;
      for (let i = from; i < to; i++) {
        const d = byLevel[i]!;
        if (!live[d] || excluded(d) || (allowed && !allowed(d))) {
          binOf[i - from] = BINS;
          continue;
        }
        if (flen[d] === m || (quoteTok[d]! > 0 && quoteLenCol[d] === m)) {
          heap.push(provable ? docBound(d, e0Frac(c)) : pseudoBound(d, c), d);
          materialized++;
          binOf[i - from] = BINS;
          continue;
        }
        const b = Math.min(BINS - 1, Math.floor((xs[d]! / X_MAX) * BINS));
        binOf[i - from] = b;
        binStart[b + 1]!++;
        kept++;
      }
      for (let b = 0; b < BINS; b++) binStart[b + 1]! += binStart[b]!;
      const docs = new Uint32Array(kept);
      const fillAt = binStart.slice(0, BINS);
      for (let i = from; i < to; i++) {
        const b = binOf[i - from]!;
        if (b < BINS) docs[fillAt[b]!++] = byLevel[i]!;
      }
      const lv: OpenLevel = { e0: Math.ceil((D - c) / 3), docs, binStart, bin: BINS - 1, bound: 0 };
      lv.bound = binBound(lv);
      open.push(lv);
    };
    let level = read;
    let materialized = 0;
    let capped = false;
    for (;;) {
      const moreLevels = level >= minC && !capped;
      const canFullScan = last && provable && !fullScan && !capped && tuning.textCandidates >= n;
      if (capped && !last) break;
      // The best bin of the open levels.
      let best: OpenLevel | null = null;
      // (Long patterns, never proven: levels strictly in order, as the estimate ranks them.)
      for (const lv of open) {
        if (lv.bound === Infinity) continue;
        if (!provable) {
          best = lv;
          break;
        }
        if (!best || lv.bound < best.bound) best = lv;
      }
      const binNext = best ? best.bound : Infinity;
      // A lower bound for every statement neither in the heap nor scored (0: unknown).
      let rest: number;
      if (fullScan) rest = Infinity;
      else if (!provable || capped) rest = 0;
      // (With a phrase, statements not read lack it; those read below minC match by metadata only.)
      else rest = Math.min(binNext, moreLevels ? unpooledBound(e0Of(level)) : phraseReq ? 1 : unpooledBound(e0Of(0)));
      const h = heap.minKey;
      const t = tenth();
      if (proveAt < limit && !last && Math.min(h, rest) > proofScore()) {
        proven = true;
        break;
      }
      const canOpen = moreLevels || binNext < Infinity;
      if (h <= rest || (!canOpen && !canFullScan)) {
        if (heap.size > 0 && h <= t && h < 1) {
          if (!scoreNext()) {
            if (last) stopped = true;
            break;
          }
          continue;
        }
        if (rest > t || rest >= 1) {
          proven = true;
          break;
        }
        if (!canOpen && !canFullScan) {
          break;
        }
      } else if (rest > t || rest >= 1) {
        proven = true;
        break;
      }
      if (best && (!moreLevels || binNext <= unpooledBound(e0Of(level)) || !provable)) {
        // The best bin of an open level joins the heap.
        const lv = best;
        for (let i = lv.binStart[lv.bin]!; i < lv.binStart[lv.bin + 1]!; i++) {
          if (materialized >= (last ? tuning.textCandidates : tuning.stageCandidates)) {
            capped = true;
            break;
          }
          const d = lv.docs[i]!;
          heap.push(provable ? docBound(d, e0Frac(counts[d]!)) : pseudoBound(d, counts[d]!), d);
          materialized++;
        }
        lv.bin--;
        lv.bound = binBound(lv);
        continue;
      }
      if (moreLevels) {
        openLevel(level);
        level--;
        continue;
      }
      // The exhaustive mode: statements sharing no trigram that was read may still match.
      fullScan = true;
      for (let d = 0; d < n; d++) {
        if ((counts[d]! >= minC && counts[d]! > 0) || flags[d]! & (POOLED | SCORED) || excluded(d) || !live[d] || (allowed && !allowed(d))) continue;
        heap.push(docBound(d, Math.max(e0Of(counts[d]!), 0)), d);
      }
    }
    })();
  }

  // Reset the shared scratch arrays.
  resetMarks(counts, flags, touched, nt);
  clearFlags(flags, entityPool);
  clearFlags(flags, cleanup);
  if (fullScan) flags.fill(0, 0, n);
  return { top, evaluated, stage: `${stage}${proven ? (titleOnlyLeft ? ':settled' : ':proven') : ''}` };
}

/*
 * The loops over every statement touched live in small functions of their own: V8 keeps
 * deoptimising a function as large as rankTopDocs (rare branches without type feedback), and a
 * loop of a million steps in its interpreted body cost four times as much.
 */

/** Counts one list's statements; the newly touched ones are appended to `touched`. */
/**
 * Without a branch: whether a statement is new to the count is a coin toss the CPU cannot
 * predict, so the id is always written and the end moves on only for a new one (room: `touched`
 * holds as many entries as the postings read). 1M A/B with the reset below: −8 % over the 210
 * queries.
 */
function countPostings(part: Uint32Array, counts: Uint8Array, touched: Uint32Array, nt: number): number {
  for (let i = 0; i < part.length; i++) {
    const d = part[i]!;
    const c = counts[d]!;
    counts[d] = c + 1;
    touched[nt] = d;
    nt += c === 0 ? 1 : 0;
  }
  return nt;
}

function resetMarks(counts: Uint8Array, flags: Uint8Array, touched: Uint32Array, nt: number): void {
  // When more than an eighth of the statements were touched, clearing both arrays whole (in
  // order) is cheaper than a random write per touched statement.
  if (nt * 8 > counts.length) {
    counts.fill(0);
    flags.fill(0);
    return;
  }
  for (let i = 0; i < nt; i++) {
    counts[touched[i]!] = 0;
    flags[touched[i]!] = 0;
  }
}

function clearFlags(flags: Uint8Array, docs: readonly number[]): void {
  for (const d of docs) flags[d] = 0;
}

function markRequired(touched: Uint32Array, nt: number, counts: Uint8Array, flags: Uint8Array, required: number): void {
  for (let i = 0; i < nt; i++) if (counts[touched[i]!] === required) flags[touched[i]!]! |= REQUIRED;
}

/**
 * The statements touched with at least `minC` shared trigrams (not pooled or scored), by count,
 * highest first: a counting sort. `byLevel[levelStart[c] .. levelStart[c - 1])` have count c.
 */
function sortByCount(touched: Uint32Array, nt: number, counts: Uint8Array, flags: Uint8Array, read: number, minC: number): { levelStart: Uint32Array; byLevel: Uint32Array } {
  const levelStart = new Uint32Array(read + 2);
  for (let i = 0; i < nt; i++) {
    const d = touched[i]!;
    const c = counts[d]!;
    if (c >= minC && !(flags[d]! & (POOLED | SCORED))) levelStart[c - 1]!++;
  }
  for (let c = read - 1; c >= 0; c--) levelStart[c]! += levelStart[c + 1]!;
  const byLevel = new Uint32Array(levelStart[0]!);
  const fill = new Uint32Array(read + 2);
  for (let c = 1; c <= read; c++) fill[c] = levelStart[c]!;
  for (let i = 0; i < nt; i++) {
    const d = touched[i]!;
    const c = counts[d]!;
    if (c >= minC && !(flags[d]! & (POOLED | SCORED))) byLevel[fill[c]!++] = d;
  }
  return { levelStart, byLevel };
}

/**
 * How many statements touched have each count from `minC` up (not pooled or scored); those a
 * filter leaves out (not live, not allowed, without a phrase's required trigrams) are flagged
 * DROPPED instead.
 */
function countLevels(
  touched: Uint32Array,
  nt: number,
  counts: Uint8Array,
  flags: Uint8Array,
  read: number,
  minC: number,
  live: Uint8Array,
  allowed: ((doc: number) => boolean) | null,
  phraseReq: boolean,
): Uint32Array {
  const hist = new Uint32Array(read + 2);
  for (let i = 0; i < nt; i++) {
    const d = touched[i]!;
    const c = counts[d]!;
    if (c < minC || flags[d]! & (POOLED | SCORED)) continue;
    if (live[d] !== 1 || (allowed && !allowed(d)) || (phraseReq && !(flags[d]! & REQUIRED))) flags[d]! |= DROPPED;
    else hist[c]!++;
  }
  return hist;
}

/** The statements counted by countLevels with a count in [lo, hi], each level from `levelEnd[c]` on. */
function fillLevels(touched: Uint32Array, nt: number, counts: Uint8Array, flags: Uint8Array, lo: number, hi: number, levelEnd: Uint32Array, total: number): Uint32Array {
  const byLevel = new Uint32Array(total);
  for (let i = 0; i < nt; i++) {
    const d = touched[i]!;
    const c = counts[d]!;
    if (c >= lo && c <= hi && !(flags[d]! & (POOLED | SCORED | DROPPED))) byLevel[levelEnd[c]!++] = d;
  }
  return byLevel;
}

/** The k-th smallest value (0-based) of `a`, which it reorders (Hoare's selection). */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

export function insertTop(top: Array<[number, number]>, doc: number, score: number, limit: number): void {
  let i = top.length;
  while (i > 0 && (top[i - 1]![1] > score || (top[i - 1]![1] === score && top[i - 1]![0] > doc))) i--;
  if (i >= limit) return;
  top.splice(i, 0, [doc, score]);
  if (top.length > limit) top.pop();
}


