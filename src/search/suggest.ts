import { nameMatchesFuzzily, normalizeName } from './names.js';

export interface SpeakerEntry {
  name: string;
  /** Statements by this speaker. */
  count: number;
  /** The canonical name and aliases, normalized. */
  names: readonly string[];
}

/**
 * Speakers whose name or alias (or a word of one) starts with what was typed, most quoted first;
 * typo matches ("mcmastr") fill up the list when prefixes are not enough.
 */
export function suggestSpeakersFrom(entries: Iterable<SpeakerEntry>, partial: string, limit: number): string[] {
  const f = normalizeName(partial);
  const prefix: SpeakerEntry[] = [];
  const fuzzy: SpeakerEntry[] = [];
  for (const e of entries) {
    if (e.count <= 0) continue;
    if (f === '' || e.names.some((n) => n.startsWith(f) || n.split(' ').some((w) => w.startsWith(f)))) prefix.push(e);
    else if (f.length >= 4 && e.names.some((n) => nameMatchesFuzzily(n, f))) fuzzy.push(e);
  }
  const order = (a: SpeakerEntry, b: SpeakerEntry) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...prefix.sort(order), ...fuzzy.sort(order)].slice(0, Math.max(0, limit)).map((e) => e.name);
}
