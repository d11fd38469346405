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
  const folded = quote
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Apostrophes (straight, curly, primes) and word-internal hyphens vanish: "didn’t" = "didnt",
    // "co-operation" = "cooperation"; dots inside abbreviations too ("u.s." = "us").
    .replace(/[’‘'`´′]/g, '')
    .replace(/(\p{L})[-\u2010\u2011](?=\p{L})/gu, '$1')
    .replace(/(\p{L})\.(?=\p{L})/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded ? folded.split(' ') : [];
}

/** cyrb53: a fast 53-bit string hash with good spread (keys are stored, so they stay short). */
function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
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
  if (words.length < MIN_SHINGLED_WORDS) return [`q${hash53(words.join(' ')).toString(36)}`];

  const hashes: number[] = [];
  const useful: boolean[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const shingle = words.slice(i, i + SHINGLE_WORDS);
    hashes.push(hash53(shingle.join(' ')));
    useful.push(contentWords(shingle) >= 2);
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
  return [...new Set(keys)];
}
