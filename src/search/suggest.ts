import { nameMatchesFuzzily, normalizeName } from './names.js';
import { editDistanceWithin } from './highlight.js';

export interface SpeakerEntry {
  name: string;
  /** Statements by this speaker. */
  count: number;
  /** The canonical name and aliases, normalized. */
  names: readonly string[];
}

/**
 * Speakers with a name word starting with what was typed (the canonical name: an alias such as "a
 * Trump adviser" does not make its speaker a match for "tru"), most quoted first. Typo matches
 * ("mcmastr", on any alias) only when no name starts so: they were noise next to real prefixes.
 */
export function suggestSpeakersFrom(entries: Iterable<SpeakerEntry>, partial: string, limit: number): string[] {
  const f = normalizeName(partial);
  const prefix: SpeakerEntry[] = [];
  const fuzzy: SpeakerEntry[] = [];
  for (const e of entries) {
    if (e.count <= 0) continue;
    if (f === '' || hasWordPrefix(normalizeName(e.name), f)) prefix.push(e);
    else if (f.length >= 4 && e.names.some((n) => nameMatchesFuzzily(n, f))) fuzzy.push(e);
  }
  const order = (a: SpeakerEntry, b: SpeakerEntry) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const chosen = prefix.length > 0 ? prefix.sort(order) : fuzzy.sort(order);
  return chosen.slice(0, Math.max(0, limit)).map((e) => e.name);
}

/** "h" "hr mc" "mcm" are prefixes of words of "hr mcmaster": typed words match name words in order. */
function hasWordPrefix(name: string, typed: string): boolean {
  if (name.startsWith(typed)) return true;
  return ` ${name}`.includes(` ${typed}`);
}

/** A quote's identity for de-duplication: its words, without case, punctuation or quote marks. */
function quoteKey(quote: string): string {
  return normalizeName(quote);
}

/** The same words give or take a trailing clause, a comma or a typo: one suggestion is enough. */
function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 0.8 * long.length && long.includes(short)) return true;
  if (short.length < 0.9 * long.length) return false;
  return editDistanceWithin(short, long, Math.max(1, Math.floor(long.length / 10)));
}

/**
 * Quote suggestions without repeats: one per cluster (the same quote in several articles) and one
 * per near-identical text (clusters the store did not merge), best first.
 */
export function distinctQuotes<T extends { quote: string; clusterId: string }>(hits: readonly T[], limit: number): T[] {
  const out: T[] = [];
  const keys: string[] = [];
  const clusters = new Set<string>();
  for (const h of hits) {
    if (out.length >= limit) break;
    if (clusters.has(h.clusterId)) continue;
    const key = quoteKey(h.quote);
    if (keys.some((k) => nearlySame(k, key))) continue;
    clusters.add(h.clusterId);
    keys.push(key);
    out.push(h);
  }
  return out;
}
