import { allWords, contentWords, coverage, wordMatches } from './coverage.js';

/**
 * What a speaker's own words say about a claim, for a headline that quotes them. A headline
 * "X said “…”" must quote X, not the asker: search and word coverage forgive inflections, typos
 * and function words, so "it happened" finds "it didn't happen", and the asker's words in quote
 * marks would be a misquote that reverses the meaning.
 */
export interface VerbatimMatch {
  /** The sentence of the speaker's words that has most of the claim's words, verbatim (cut to a window around them when long). */
  span: string;
  /** Whether the claim and the clauses carrying its words agree on negation ("it happened" vs "it didn't happen"). */
  sameNegation: boolean;
  /** Whether the speaker's words are negated, or framed as untrue (when they disagree, says which side is). */
  spanNegated: boolean;
}

/**
 * Negation words. "No" and "none" count: "at no time were any sources discussed" denies that
 * sources were discussed. Apostrophes straight, curly ("didn’t") or left out, as people type ("didnt").
 */
const NEGATION =
  /\b(?:not|no|never|nobody|nothing|none|neither|nor|cannot|nowhere|(?:did|do|does|is|was|were|are|wo|ca|could|would|should|has|have|had|ai|must|need)nt)\b|n['’]t\b/i;

export function isNegated(text: string): boolean {
  return NEGATION.test(text);
}

/**
 * Sentences of a quote: split after . ! ? (and a closing quote mark) before the next sentence's
 * start, but not after a title or an initial ("Mr. Lavrov", "H.R. McMaster", "Gen. Votel").
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’]?)(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Mt|No|Inc|Co|Corp|[A-Z])\.)\s+(?=["“‘(]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The claim with each word that matches one of the sentence's words (a typo, an inflection)
 * replaced by it, so a typo in a negation ("we will nevr retreat") still reads as one.
 */
function asSpoken(claim: string, sentence: string): string {
  const spoken = allWords(sentence);
  return allWords(claim)
    .map((w) => (spoken.includes(w) ? w : (spoken.find((s) => wordMatches(w, [s])) ?? w)))
    .join(' ');
}

/** Longest span shown: a headline (Slack's header holds 150 characters, the speaker's name too). */
const MAX_SPAN = 110;
/** Words kept either side of the matched ones when a sentence is cut. */
const CONTEXT_WORDS = 4;

/**
 * Words that say the clause after them is untrue: "it would be completely wrong … to tell
 * residents that the pier is safe" says the pier is not safe.
 */
const FALSITY = /\b(?:wrong|false|untrue|lie|lies|lying|myth|nonsense|incorrect|inaccurate|misleading|irresponsible|rubbish|baseless|unfounded|absurd|deny|denies|denied|denying)\b/i;

const NEGATIVE_OPENING = /^\W*(?:at no (?:time|point|stage)|never|not once|in no way|under no circumstances|by no means|nowhere)\b/i;

/** Where a sentence's clauses meet: ";", ":", ", and/but/so…", " but ", " and I/we/she…". */
const CLAUSE_BREAK = /\s*[;:]\s+|,\s*(?=(?:and|but|or|so|yet|while|whereas|though|although)\b)|\s+(?=but\b)|\s+(?=and\s+(?:i|we|he|she|they|it|you)\b)/gi;

/** The clauses of a sentence with where each starts and ends in it. */
function clausesOf(sentence: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < sentence.length) out.push({ start, end: sentence.length });
  return out;
}

export function verbatimFor(claim: string, said: string): VerbatimMatch {
  const sentences = sentencesOf(said);
  let best = sentences[0] ?? said;
  let bestCover = -1;
  for (const s of sentences) {
    const c = coverage(claim, s);
    // Ties go to the shorter sentence: the tighter quote.
    if (c > bestCover || (c === bestCover && s.length < best.length)) {
      best = s;
      bestCover = c;
    }
  }
  // Negation is judged in the clauses that hold the claim's words, not anywhere in the sentence:
  // "we will keep the bridge open, and no lorries will be allowed" keeps the bridge open. A frame
  // before them that calls them untrue ("it would be wrong … to say") reverses them.
  const clauses = clausesOf(best);
  // The clauses that carry the claim: those with more than half the words the best one has (a
  // word shared by chance, "contractor" for "contract", does not pull a clause in).
  const covers = clauses.map((c) => coverage(claim, best.slice(c.start, c.end)));
  const most = Math.max(0, ...covers);
  const holding = clauses.filter((_, i) => covers[i]! > 0 && covers[i]! > most / 2);
  const from = holding[0]?.start ?? 0;
  const to = holding[holding.length - 1]?.end ?? best.length;
  const frame = best.slice(0, from);
  // A negative adverbial fronted before an aside ("At no time, and I want to be clear, were
  // any sources discussed") negates the clause it opens, not a clause of its own.
  const fronted = NEGATIVE_OPENING.test(frame) && !isNegated(claim);
  const framed = (FALSITY.test(frame) && !FALSITY.test(claim)) || fronted;
  const spanNegated = isNegated(best.slice(from, to)) !== framed;
  const claimNegated = isNegated(asSpoken(claim, best));
  const keep = (start: number, word: string): boolean =>
    (start >= from && start < to && isNegated(word)) || (framed && start < from && (FALSITY.test(word) || isNegated(word)));
  return { span: cutAround(claim, best, keep), sameNegation: claimNegated === spanNegated, spanNegated };
}

/**
 * A long sentence cut to the words from the first to the last that match the claim, with a few
 * words either side and "…" where words were left out; the words `mustKeep` names (a negation of
 * those words, a frame calling them untrue) are never cut away. A trailing comma or colon goes (the
 * quote is cut there); a sentence's own full stop stays, as the speaker's.
 */
function cutAround(claim: string, sentence: string, mustKeep: (start: number, word: string) => boolean): string {
  const clean = (t: string): string => t.replace(/[\s,;:]+$/, '');
  if (sentence.length <= MAX_SPAN) return clean(sentence);
  // Function words match anywhere: the window is placed by the content words when there are any.
  const content = contentWords(claim);
  const want = [...new Set(content.length ? content : allWords(claim))];
  const tokens = [...sentence.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index }));
  const last = tokens.length - 1;
  const hits = tokens
    .map((t, i) => ({ i, words: allWords(t.text) }))
    .filter((t) => t.words.some((w) => want.some((c) => wordMatches(c, [w]))))
    .map((t) => t.i);
  const width = (a: number, b: number): number => tokens[b]!.start + tokens[b]!.text.length - tokens[a]!.start;
  const piece = (a: number, b: number): string =>
    `${a > 0 ? '…' : ''}${clean(sentence.slice(tokens[a]!.start, tokens[b]!.start + tokens[b]!.text.length))}${b < last ? '…' : ''}`;
  const from = Math.max(0, (hits[0] ?? 0) - CONTEXT_WORDS);
  let to = Math.min(last, (hits[hits.length - 1] ?? 0) + CONTEXT_WORDS);
  // A negation outside the window would be cut from a quote that reads the other way without it
  // ("At no time … were any sources discussed"): its words are kept, before (or after) the window.
  const negations = tokens.map((t, i) => (mustKeep(t.start, t.text) ? i : -1)).filter((i) => i >= 0);
  if (negations.length && !negations.some((i) => i >= from && i <= to)) {
    const n = negations.filter((i) => i < from).pop() ?? negations.find((i) => i > to)!;
    const a = Math.max(0, n - 1);
    const b = Math.min(last, n + 2);
    if (n < from && width(a, to) <= MAX_SPAN) return piece(a, to);
    if (n > to && width(from, b) <= MAX_SPAN) return piece(from, b);
    const neg = piece(a, b);
    while (to > from && width(from, to) > MAX_SPAN - neg.length) to--;
    const hit = piece(from, to);
    // Pieces in the sentence's order; the ellipses between them join ("At no time… …were any").
    return n < from ? `${neg.replace(/…$/, '')} … ${hit.replace(/^…/, '')}` : `${hit.replace(/…$/, '')} … ${neg.replace(/^…/, '')}`;
  }
  // Still too long (matches far apart): the window around the first match.
  while (to > from && width(from, to) > MAX_SPAN) to--;
  return piece(from, to);
}
