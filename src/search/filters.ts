import type { IndexedStatement, SearchFilters, SearchQuery } from './types.js';
import { foldForSearch } from './fuse-options.js';
import { normalizeName as normalizeNameUncached, selectNames, selectOutlets } from './names.js';

/** `kind:quote` means direct or mixed: words in quote marks. */
export function kindAllowed(filter: SearchFilters['kind'], kind: IndexedStatement['kind']): boolean {
  if (!filter) return true;
  if (filter === 'quote') return kind === 'direct' || kind === 'mixed';
  return filter === kind;
}

/** Every phrase appears verbatim (case- and apostrophe-insensitive) in the quote or the text. */
export function phrasesPresent(phrases: readonly string[], foldedText: string, foldedQuote: string | null): boolean {
  for (const p of phrases) {
    const fp = foldForSearch(p);
    if (!foldedText.includes(fp) && !(foldedQuote !== null && foldedQuote.includes(fp))) return false;
  }
  return true;
}

/**
 * A statement predicate for a query's filters, built by scanning `docs` (the reference index's
 * way; the fast index resolves the same filters on its dictionaries). Null when nothing filters.
 */
export function buildFilterPredicate(
  query: SearchQuery,
  docs: Iterable<IndexedStatement>,
): ((s: IndexedStatement) => boolean) | null {
  const f = query.filters;
  if (!f.speaker && !f.outlet && !f.kind && !f.articleId) return null;
  let speakerOk: ((s: IndexedStatement) => boolean) | null = null;
  let outletOk: ((s: IndexedStatement) => boolean) | null = null;
  const memo = new Map<string, string>();
  const normalizeName = (s: string): string => {
    let v = memo.get(s);
    if (v === undefined) memo.set(s, (v = normalizeNameUncached(s)));
    return v;
  };
  if (f.speaker || f.outlet) {
    const speakerNames = new Set<string>();
    const outletNames = new Set<string>();
    for (const d of docs) {
      if (d.speaker) speakerNames.add(normalizeName(d.speaker));
      for (const a of d.speakerAliases) speakerNames.add(normalizeName(a));
      if (d.outlet) outletNames.add(normalizeName(d.outlet));
      if (d.articleOutlet) outletNames.add(normalizeName(d.articleOutlet));
    }
    if (f.speaker) {
      const names = [...speakerNames];
      const chosen = new Set(selectNames(names, f.speaker).map((i) => names[i]!));
      speakerOk = (s) =>
        (s.speaker !== null && chosen.has(normalizeName(s.speaker))) ||
        s.speakerAliases.some((a) => chosen.has(normalizeName(a)));
    }
    if (f.outlet) {
      const names = [...outletNames];
      const chosen = new Set(selectOutlets(names, f.outlet).map((i) => names[i]!));
      outletOk = (s) =>
        (s.outlet !== null && chosen.has(normalizeName(s.outlet))) ||
        (s.articleOutlet !== null && chosen.has(normalizeName(s.articleOutlet)));
    }
  }
  return (s) =>
    kindAllowed(f.kind, s.kind) &&
    (!f.articleId || s.articleId === f.articleId) &&
    (!speakerOk || speakerOk(s)) &&
    (!outletOk || outletOk(s));
}
