import { editDistanceWithin } from './highlight.js';
import { outletFromPhrase } from '../extract/outlets.js';

/**
 * Loose name matching for `speaker:` and `outlet:` filters: "mcmaster", "HR McMaster" and
 * "h.r. mcmaster" all select "H.R. McMaster". Dots and apostrophes vanish, other punctuation
 * separates words, case is ignored.
 */
export function normalizeName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Does the filter value name this (normalized) name? Whole words in order ("mcmaster" in
 * "hr mcmaster"), or the start of the name ("washington p" for "washington post").
 */
export function nameMatches(normalizedName: string, normalizedFilter: string): boolean {
  if (normalizedFilter === '' || normalizedName === '') return false;
  if (normalizedName === normalizedFilter) return true;
  if (` ${normalizedName} `.includes(` ${normalizedFilter} `)) return true;
  return normalizedName.startsWith(normalizedFilter) && normalizedFilter.length >= 3;
}

/** A typo of a name word ("mcmastr"): every filter word is within 1–2 edits of a name word. */
export function nameMatchesFuzzily(normalizedName: string, normalizedFilter: string): boolean {
  const nameWords = normalizedName.split(' ');
  const filterWords = normalizedFilter.split(' ').filter((w) => w.length > 0);
  if (filterWords.length === 0) return false;
  return filterWords.every((f) =>
    nameWords.some((w) => f.length >= 4 && editDistanceWithin(w, f, f.length >= 8 ? 2 : 1)),
  );
}

/**
 * The names (from `names`) a filter value selects: exact word matches when there are any, else
 * typo-tolerant ones. Returns indexes into `names` (normalized names).
 */
export function selectNames(names: readonly string[], filterValue: string): number[] {
  const f = normalizeName(filterValue);
  const exact: number[] = [];
  for (let i = 0; i < names.length; i++) if (nameMatches(names[i]!, f)) exact.push(i);
  if (exact.length > 0) return exact;
  const fuzzy: number[] = [];
  for (let i = 0; i < names.length; i++) if (nameMatchesFuzzily(names[i]!, f)) fuzzy.push(i);
  return fuzzy;
}

/**
 * The names an `outlet:` filter selects: what `selectNames` selects, plus the outlet the value is a
 * usual short form or alias of ("AP", "nyt", "wapo", "the Post", "WSJ"), resolved by the
 * extractor's outlet list so search and attribution agree on what names an outlet.
 */
export function selectOutlets(names: readonly string[], filterValue: string): number[] {
  const f = normalizeName(filterValue);
  const chosen = new Set<number>();
  // Prefix-tolerant on any word: "guard" is The Guardian, "wash" The Washington Post.
  for (let i = 0; i < names.length; i++) {
    if (nameMatches(names[i]!, f) || (f.length >= 3 && ` ${names[i]!}`.includes(` ${f}`))) chosen.add(i);
  }
  const canonical = outletAlias(filterValue);
  if (chosen.size === 0 && canonical === null) return selectNames(names, filterValue);
  if (canonical !== null) {
    const key = withoutArticle(normalizeName(canonical));
    for (let i = 0; i < names.length; i++) {
      if (withoutArticle(names[i]!) === key || storedOutletCanonical(names[i]!) === canonical) chosen.add(i);
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

function withoutArticle(normalized: string): string {
  return normalized.replace(/^the /, '');
}

const aliasMemo = new Map<string, string | null>();
const storedMemo = new Map<string, string | null>();

/** The canonical outlet a stored (normalized) outlet name is a form of: "ap" is Associated Press. */
function storedOutletCanonical(normalized: string): string | null {
  let c = storedMemo.get(normalized);
  if (c === undefined) {
    c = normalized.length <= 5 ? outletFromPhrase(normalized.toUpperCase()) : outletFromPhrase(normalized.replace(/(^|\s)(\p{Ll})/gu, (_, s: string, ch: string) => s + ch.toUpperCase()));
    if (storedMemo.size > 20_000) storedMemo.clear();
    storedMemo.set(normalized, c);
  }
  return c;
}

/**
 * The canonical outlet a typed value stands for, or null. The extractor matches acronyms ("AP",
 * "WaPo") case-sensitively, which is right in prose ("ap" is not a word there) but a filter value is
 * typed on purpose: every casing of a short value is tried, and each word capitalised for short
 * forms ("post" → "Post" → The Washington Post).
 */
export function outletAlias(value: string): string | null {
  const v = value.trim().replace(/\s+/g, ' ');
  if (v === '' || v.length > 60) return null;
  const memo = aliasMemo.get(v);
  if (memo !== undefined) return memo;
  const variants = new Set<string>([v, v.toUpperCase(), v.replace(/(^|\s)(\p{Ll})/gu, (_, s: string, c: string) => s + c.toUpperCase())]);
  const bare = v.replace(/^the\s+/i, '');
  if (/^[a-z]{2,5}$/i.test(bare)) {
    // AP, NYT, WaPo, WSJ: 2^5 casings at most, once per value.
    for (let mask = 0; mask < 1 << bare.length; mask++) {
      let s = '';
      for (let i = 0; i < bare.length; i++) s += mask & (1 << i) ? bare[i]!.toUpperCase() : bare[i]!.toLowerCase();
      variants.add(s);
    }
  }
  let found: string | null = null;
  for (const s of variants) {
    found = outletFromPhrase(s);
    if (found !== null) break;
  }
  if (aliasMemo.size > 1000) aliasMemo.clear();
  aliasMemo.set(v, found);
  return found;
}
