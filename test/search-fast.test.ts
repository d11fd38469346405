import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TUNING,
  EXHAUSTIVE_TUNING,
  FastIndex,
  createPlainFuseIndex,
  parseQuery,
} from '../src/search/index.js';
import type { SearchHit } from '../src/search/types.js';
import { generateCorpus, makeQueries } from '../bench/corpus.js';

// One small synthetic corpus (fixed seed) and the benchmark's kinds of queries.
const corpus = generateCorpus({ size: 1000, seed: 11, vocabulary: 4000, speakers: 150, outlets: 60 });
const queries = makeQueries(corpus, 60, 5);
const plain = createPlainFuseIndex();
plain.add(corpus.statements);
const fast = new FastIndex();
fast.add(corpus.statements);
const expected = new Map(queries.map((q) => [q.text, plain.search(parseQuery(q.text), { limit: 10 })]));

const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('fast index against plain fuse.js', () => {
  it('scores exactly like fuse.js: considering every statement, the same top 10 with the same scores', () => {
    for (const q of queries) {
      const got = fast.search(parseQuery(q.text), { limit: 10 }, EXHAUSTIVE_TUNING);
      const want = expected.get(q.text)!;
      expect({ q: q.text, hits: got.map((h) => [h.id, h.score]) }).toEqual({ q: q.text, hits: want.map((h) => [h.id, h.score]) });
      expect(got.map((h) => h.highlights)).toEqual(want.map((h) => h.highlights));
    }
  });

  it('with its candidate shortcuts, finds fuse.js’s best results for typo, phrase and exact queries', () => {
    for (const q of queries.filter((x) => ['typo', 'phrase', 'exact'].includes(x.category))) {
      const got = ids(fast.search(parseQuery(q.text), { limit: 10 }));
      const want = ids(expected.get(q.text)!);
      expect({ q: q.text, top: got.slice(0, 2) }).toEqual({ q: q.text, top: want.slice(0, 2) });
    }
  });

  it('keeps recall@10 against fuse.js above 0.9 on all kinds of queries', () => {
    let sum = 0;
    for (const q of queries) {
      const got = new Set(ids(fast.search(parseQuery(q.text), { limit: 10 })));
      const want = ids(expected.get(q.text)!);
      sum += want.length === 0 ? 1 : want.filter((id) => got.has(id)).length / want.length;
    }
    expect(sum / queries.length).toBeGreaterThanOrEqual(0.9);
  });

  it('scores more candidates only when the top ten is still weak (issue 8)', () => {
    const tight = { ...DEFAULT_TUNING, maxExact: 5, maxExactWeak: 5 };
    const adaptive = { ...DEFAULT_TUNING, maxExact: 5, maxExactWeak: 400 };
    let tightFound = 0;
    let adaptiveFound = 0;
    let strongExtended = 0;
    for (const q of queries) {
      const want = new Set(ids(expected.get(q.text)!));
      const query = parseQuery(q.text);
      const small = fast.search(query, { limit: 10 }, tight);
      tightFound += ids(small).filter((id) => want.has(id)).length;
      const got = fast.search(query, { limit: 10 }, adaptive);
      adaptiveFound += ids(got).filter((id) => want.has(id)).length;
      // A full top ten of strong matches within the small budget stops there.
      if (small.length === 10 && small[9]!.score <= adaptive.weakScore && fast.lastEvaluated > adaptive.maxExact) strongExtended++;
    }
    expect(adaptiveFound).toBeGreaterThan(tightFound);
    expect(strongExtended).toBe(0);
  });

  it('makes new statements searchable at once and forgets removed ones, like fuse.js', () => {
    const a = new FastIndex();
    const p = createPlainFuseIndex();
    const first = corpus.statements.slice(0, 500);
    const later = corpus.statements.slice(500, 700);
    a.add(first);
    p.add(first);
    a.add(later);
    p.add(later);
    const gone = corpus.statements.filter((_, i) => i % 7 === 0 && i < 700).map((s) => s.id);
    a.remove(gone);
    p.remove(gone);
    expect(a.size).toBe(p.size);
    for (const q of queries.slice(0, 12)) {
      const pq = parseQuery(q.text);
      expect(ids(a.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING))).toEqual(ids(p.search(pq, { limit: 10 })));
    }
    expect(a.get(gone[0]!)).toBeUndefined();
    expect(a.get(later[0]!.id)).toEqual(later[0]);
  });
});
