import { editDistance } from './speakers.js';

/**
 * How much of a claim a statement covers: the share of the claim's content words found in it
 * (a typo or a plural still counts). Fuzzy search scores long statements poorly even when they
 * say exactly the claim, so "does this article report the claim?" is decided on words instead.
 */

const STOP = new Set(
  ('a an the and or but of to in on at for from by with about as into than then that this these those it its ' +
    'is are was were be been being has have had do does did will would can could should may might must shall ' +
    'he she they we you i me him her them us his their our your my who whom whose which what when where why how ' +
    'not no nor so if there here said says say told tell according also just very more most some any all ' +
    'reported reports report reporting claim claims claimed').split(' '),
);

/** Whether a piece of text has only function words ("the", "of the"): nothing worth marking. */
export function onlyStopWords(text: string): boolean {
  return allWords(text).every((w) => STOP.has(w) || w.length <= 1);
}

export function contentWords(text: string): string[] {
  return allWords(text).filter((w) => w.length > 1 && !STOP.has(w));
}

/** Every word, function words included. */
export function allWords(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []).map((w) =>
    w.replace(/'s$/, ''),
  );
}

export function stem(w: string): string {
  let s = stems.get(w);
  if (s !== undefined) return s;
  // Enough for matching, not linguistics: denied/denies/deny → deny, reports/reported → report.
  const y = w.replace(/(ies|ied)$/, 'y');
  s = y !== w ? y : w.replace(/(es|s|ed|ing|ly)$/, '') || w;
  // A search stems every word of a few hundred statements, and news words repeat: remembered,
  // within a bound (cleared when full, so odd input cannot grow it without end).
  if (stems.size >= 50_000) stems.clear();
  stems.set(w, s);
  return s;
}

const stems = new Map<string, string>();

/** Whether a claim's word is among `words` (a typo, an inflection or a longer word it begins counts). */
export function wordMatches(claimWord: string, words: readonly string[]): boolean {
  const cs = stem(claimWord);
  const max = claimWord.length >= 7 ? 2 : claimWord.length >= 4 ? 1 : 0;
  // A word of four letters or more also matches the words it begins ("intel" → "intelligence").
  const prefix = claimWord.length >= 4;
  return words.some(
    (w) =>
      w === claimWord ||
      stem(w) === cs ||
      (prefix && w.startsWith(claimWord)) ||
      (max > 0 && editDistance(w, claimWord, max) <= max),
  );
}

/**
 * 0..1: the share of the claim's content words present in `text`. 1 for a claim with none.
 * `allWordsCount` counts function words too: "we will not retreat" vs "we will never retreat".
 */
export function coverage(claim: string, text: string, opts: { allWordsCount?: boolean } = {}): number {
  const words = opts.allWordsCount ? allWords : contentWords;
  const want = [...new Set(words(claim))];
  if (!want.length) return 1;
  const have = words(text);
  // The same answer as `wordMatches` for each claim word, with the exact and same-stem checks
  // answered by sets: a search computes this for hundreds of statements of thirty-odd words.
  const same = new Set(have);
  const stems = new Set(have.map(stem));
  return want.filter((w) => same.has(w) || stems.has(stem(w)) || wordMatches(w, have)).length / want.length;
}
