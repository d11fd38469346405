/**
 * Keys that identify the same quote across articles despite the small differences outlets
 * introduce: curly or straight quote marks, "co-operation" or "cooperation", case, accents,
 * punctuation, and one outlet printing a shorter excerpt of a longer quote.
 *
 * How: the quote is normalised to plain lower-case words; a short quote (fewer than
 * SHINGLE_WORDS + WINDOW - 1 words) gets one key, its whole normalised text. A longer quote is cut
 * into overlapping shingles of SHINGLE_WORDS words, and winnowing keeps the shingle with the
 * smallest hash in every window of WINDOW consecutive shingles. Winnowing guarantees that two
 * quotes sharing any run of at least SHINGLE_WORDS + WINDOW - 1 words share at least one key, while
 * storing only about 2 / (WINDOW + 1) of the shingles (the store keeps millions of them).
 * Shingles made almost only of function words ("at the end of the") are not keys: they would join
 * unrelated quotes into one cluster.
 *
 * The store decides when shared keys mean the same quote (see src/store/clusters.ts).
 */

/** Bump when the keys change: stores rebuild their stored keys from the quotes at start. */
export const QUOTE_KEYS_VERSION = 'winnow-5x4-v3';
export const SHINGLE_WORDS = 5;
export const WINDOW = 4;
/** Quotes shorter than this many words are keyed by their whole text. */
export const MIN_SHINGLED_WORDS = SHINGLE_WORDS + WINDOW - 1;
/** Fewer words than this: no key at all ("No.", "false" are not worth corroborating). */
export const MIN_QUOTE_WORDS = 3;

const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as into onto about over under than then ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must ' +
    'i me my we us our you your he him his she her it its they them their this that these those there here ' +
    'not no so too very just also up down out off all any some what which who whom whose when where why how ' +
    'going go get got said say says'
  ).split(' '),
);

/** Lower-case words of a quote, with typographic variation folded away. */
export function normaliseQuoteWords(quote: string): string[] {
  // NFKD (accents, ligatures, full-width forms) is the slow part: only when there is anything
  // beyond ASCII and the usual typographic punctuation.
  let text = /[^\x00-\x7f\u2010-\u2027]/.test(quote) ? quote.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : quote;
  // Apostrophes (straight, curly, primes) and word-internal hyphens and dots vanish:
  // "didn’t" = "didnt", "co-operation" = "cooperation", "u.s." = "us".
  text = text.toLowerCase().replace(/[’‘'`´′]/g, '');
  text = /^[\x00-\x7f]*$/.test(text)
    ? text.replace(/(?<=[a-z])[-.](?=[a-z])/g, '').replace(/[^a-z0-9]+/g, ' ')
    : text.replace(/(?<=\p{L})[-\u2010\u2011.](?=\p{L})/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ');
  text = text.trim();
  return text ? text.split(' ') : [];
}

/** Two 32-bit hashes of a word (cyrb53's lanes); shingle hashes are built from these. */
function wordHash(str: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  return [h1, h2];
}

/** A 53-bit hash of a run of words, from their word hashes (order matters). */
function runHash(lanes: ReadonlyArray<[number, number]>, from: number, to: number): number {
  let h1 = 0x2545f491;
  let h2 = 0x9e3779b9;
  for (let i = from; i < to; i++) {
    const [a, b] = lanes[i]!;
    h1 = Math.imul(h1 ^ a, 2654435761);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ b, 1597334677);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function contentWords(words: readonly string[]): number {
  let n = 0;
  for (const w of words) if (!STOPWORDS.has(w)) n++;
  return n;
}

export function quoteKeys(quote: string): string[] {
  const words = normaliseQuoteWords(quote);
  if (words.length < MIN_QUOTE_WORDS || contentWords(words) === 0) return [];
  const lanes = words.map(wordHash);
  if (words.length < MIN_SHINGLED_WORDS) return [`q${runHash(lanes, 0, lanes.length).toString(36)}`];

  const content = words.map((w) => (STOPWORDS.has(w) ? 0 : 1));
  const hashes: number[] = [];
  const useful: boolean[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    hashes.push(runHash(lanes, i, i + SHINGLE_WORDS));
    let n = 0;
    for (let j = i; j < i + SHINGLE_WORDS; j++) n += content[j]!;
    useful.push(n >= 2);
  }
  // Winnowing (Schleimer et al.): the minimum of each window, rightmost on ties; a window whose
  // minimum is a function-word shingle contributes nothing.
  const picked = new Set<number>();
  for (let start = 0; start + WINDOW <= hashes.length; start++) {
    let best = start;
    for (let j = start + 1; j < start + WINDOW; j++) if (hashes[j]! <= hashes[best]!) best = j;
    if (useful[best]) picked.add(best);
  }
  const keys = [...picked].sort((a, b) => a - b).map((i) => `w${hashes[i]!.toString(36)}`);
  // Every window's minimum was a function-word shingle: the whole text still identifies the quote.
  if (!keys.length) return [`q${runHash(lanes, 0, lanes.length).toString(36)}`];
  return [...new Set(keys)];
}

/**
 * Words that make two otherwise equal quotes say different things: negations ("we have no plans"
 * against "we have plans") and numbers ("$4 million" against "$40 million", "4 billion"). Keys
 * leave them out of play (one changed word leaves most shingles shared), so the store compares
 * them before it counts two quotes as one (compatibleQuotes).
 */
const NEGATION_WORDS = new Set(
  (
    'not no never nobody nothing none neither nor cannot nowhere ' +
    'dont didnt doesnt isnt wasnt werent arent wont cant couldnt wouldnt shouldnt hasnt havent hadnt aint mustnt neednt'
  ).split(' '),
);
const NUMBER_WORDS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
    'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion ' +
    'half quarter percent per cent dozen dozens hundreds thousands millions billions'
  ).split(' '),
);

function isTellingWord(w: string): boolean {
  return NEGATION_WORDS.has(w) || NUMBER_WORDS.has(w) || /\d/.test(w);
}

function tellingWords(words: readonly string[], from = 0, to = words.length): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) if (isTellingWord(words[i]!)) out.push(words[i]!);
  return out.sort().join(' ');
}

/**
 * The part of `long` that `short` (an excerpt, or the same quote as another outlet printed it)
 * lines up with: from where its first shared run of SHINGLE_WORDS words starts, shifted back by
 * that run's place in `short`, to where its last shared run ends, shifted on likewise. The whole
 * of `long` when no run is shared.
 */
function alignedRegion(short: readonly string[], long: readonly string[]): [number, number] {
  const k = Math.min(SHINGLE_WORDS, short.length);
  const at = new Map<string, number[]>();
  for (let i = 0; i + k <= long.length; i++) {
    const key = long.slice(i, i + k).join(' ');
    const list = at.get(key);
    if (list) list.push(i);
    else at.set(key, [i]);
  }
  let start = -1;
  let end = -1;
  for (let i = 0; i + k <= short.length; i++) {
    const found = at.get(short.slice(i, i + k).join(' '));
    if (!found) continue;
    if (start < 0) start = Math.max(0, found[0]! - i);
    end = Math.min(long.length, found[found.length - 1]! + (short.length - i));
  }
  return start < 0 ? [0, long.length] : [start, Math.max(start, end)];
}

/**
 * Whether two quotes that share keys say the same thing: the negations and numbers of the shorter
 * equal those of the part of the longer it lines up with. An excerpt that leaves out a sentence
 * with a number still corroborates; a version with "no" or a figure changed does not.
 */
export function compatibleQuotes(a: string, b: string): boolean {
  const wa = normaliseQuoteWords(a);
  const wb = normaliseQuoteWords(b);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const [from, to] = alignedRegion(short, long);
  return tellingWords(short) === tellingWords(long, from, to);
}

