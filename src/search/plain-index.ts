import Fuse from 'fuse.js';
import type { IndexedStatement, SearchHit, SearchIndex, SearchOptions, SearchQuery } from './types.js';
import { FUSE_OPTIONS, foldForSearch, toFuseDoc, type FuseDoc } from './fuse-options.js';
import { buildFilterPredicate, phrasesPresent } from './filters.js';
import { highlightRanges } from './highlight.js';
import { parseQuery, queryPattern } from './query.js';
import { normalizeName } from './names.js';
import { distinctQuotes, suggestSpeakersFrom } from './suggest.js';

/** Lets persistence enumerate a plain index's statements without widening the SearchIndex contract. */
export const plainIndexDocs = new WeakMap<SearchIndex, () => Iterable<IndexedStatement>>();

interface Entry {
  doc: IndexedStatement;
  fuse: FuseDoc;
}

/**
 * fuse.js as documented, scanning every statement on every query: the reference the fast index
 * is tested against and the benchmark's baseline. Fine for a few thousand statements.
 */
export function createPlainFuseIndex(): SearchIndex {
  const entries = new Map<string, Entry>();
  let fuse = new Fuse<FuseDoc & { id: string }>([], FUSE_OPTIONS as never);

  const index: SearchIndex = {
    get size() {
      return entries.size;
    },
    add(docs) {
      const replaced = docs.filter((d) => entries.has(d.id)).map((d) => d.id);
      if (replaced.length > 0) index.remove(replaced);
      for (const d of docs) {
        const fd = toFuseDoc(d);
        entries.set(d.id, { doc: d, fuse: fd });
        fuse.add({ ...fd, id: d.id });
      }
    },
    remove(ids) {
      const gone = new Set(ids.filter((id) => entries.has(id)));
      if (gone.size === 0) return;
      for (const id of gone) entries.delete(id);
      fuse.remove((d) => gone.has(d.id));
    },
    get(id) {
      return entries.get(id)?.doc;
    },
    search(query, opts) {
      return plainSearch(fuse, entries, query, opts);
    },
    suggestSpeakers(partial, limit) {
      const bySpeaker = new Map<string, { name: string; count: number; names: Set<string> }>();
      for (const { doc } of entries.values()) {
        if (!doc.speaker) continue;
        let e = bySpeaker.get(doc.speaker);
        if (!e) bySpeaker.set(doc.speaker, (e = { name: doc.speaker, count: 0, names: new Set() }));
        e.count++;
        for (const n of [doc.speaker, ...doc.speakerAliases]) e.names.add(normalizeName(n));
      }
      return suggestSpeakersFrom(
        [...bySpeaker.values()].map((e) => ({ name: e.name, count: e.count, names: [...e.names] })),
        partial,
        limit,
      );
    },
    outletNames() {
      const names = new Set<string>();
      for (const { doc } of entries.values()) {
        if (doc.outlet) names.add(doc.outlet);
        if (doc.articleOutlet) names.add(doc.articleOutlet);
      }
      return [...names];
    },
    suggestQuotes(partial, limit) {
      const text = queryPattern(parseQuery(partial));
      const hits = plainSearch(fuse, entries, { text, phrases: [], filters: { kind: 'quote' }, notices: [] }, { limit: 2 * limit });
      const found = hits.map((h) => {
        const doc = entries.get(h.id)!.doc;
        return { id: h.id, quote: doc.quote ?? doc.text, clusterId: doc.clusterId };
      });
      return distinctQuotes(found, limit).map(({ id, quote }) => ({ id, quote }));
    },
  };
  plainIndexDocs.set(index, () => [...entries.values()].map((e) => e.doc));
  return index;
}

function plainSearch(
  fuse: Fuse<FuseDoc & { id: string }>,
  entries: Map<string, Entry>,
  query: SearchQuery,
  opts: SearchOptions,
): SearchHit[] {
  const pattern = foldForSearch(queryPattern(query));
  const allowed = buildFilterPredicate(query, [...entries.values()].map((e) => e.doc));
  const limit = Math.max(0, Math.floor(opts.limit));
  const hits: SearchHit[] = [];
  const hit = (e: Entry, score: number): SearchHit => ({
    id: e.doc.id,
    score,
    highlights: highlightRanges(e.doc.quote ?? e.doc.text, queryPattern(query), query.phrases),
  });
  if (pattern.trim() === '') {
    if (!allowed) return [];
    // Filters alone: newest first, all equally relevant.
    const all = [...entries.values()].reverse();
    for (const e of all) {
      if (hits.length >= limit) break;
      if (allowed(e.doc)) hits.push(hit(e, 0));
    }
    return hits;
  }
  const constrained = allowed !== null || query.phrases.length > 0;
  const results = fuse.search(pattern, constrained ? undefined : { limit });
  for (const r of results) {
    if (hits.length >= limit) break;
    const e = entries.get(r.item.id)!;
    if (allowed && !allowed(e.doc)) continue;
    if (!phrasesPresent(query.phrases, e.fuse.text, e.fuse.quote)) continue;
    hits.push(hit(e, r.score ?? 1));
  }
  return hits;
}
