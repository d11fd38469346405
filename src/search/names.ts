import { editDistanceWithin } from './highlight.js';

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
