import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TUNING,
  EXHAUSTIVE_TUNING,
  FastIndex,
  createPlainFuseIndex,
  parseQuery,
} from '../src/search/index.js';
import type { IndexedStatement, SearchHit } from '../src/search/types.js';
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

  it('finds what fuse.js finds for a pasted paragraph: a pattern of many Bitap chunks matches a statement holding one of them', () => {
    const pasted = [3, 17, 42].map((i) => corpus.statements[i]!.text).join(' ').slice(0, 480);
    const q = parseQuery(pasted);
    const want = plain.search(q, { limit: 10 });
    expect(want.length).toBeGreaterThan(0);
    expect(fast.search(q, { limit: 10 }, EXHAUSTIVE_TUNING).map((h) => [h.id, h.score])).toEqual(want.map((h) => [h.id, h.score]));
    const got = ids(fast.search(q, { limit: 10 }));
    for (const i of [3, 17]) expect(got).toContain(corpus.statements[i]!.id);
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

  it('finds more of fuse.js’s top ten with more last-stage candidates, and passes over those that cannot beat the tenth (issue 8)', () => {
    const few = { ...DEFAULT_TUNING, textCandidates: 40 };
    // 1 000 statements: every one sharing a trigram is a candidate.
    const all = { ...DEFAULT_TUNING, textCandidates: 5000 };
    let fewFound = 0;
    let allFound = 0;
    let strong = 0;
    let strongScored = 0;
    let weak = 0;
    let weakScored = 0;
    for (const q of queries) {
      const want = new Set(ids(expected.get(q.text)!));
      const query = parseQuery(q.text);
      fewFound += ids(fast.search(query, { limit: 10 }, few)).filter((id) => want.has(id)).length;
      const got = fast.search(query, { limit: 10 }, all);
      allFound += ids(got).filter((id) => want.has(id)).length;
      if (!fast.lastStage.startsWith('final')) continue;
      if (got.length === 10 && got[9]!.score <= 0.3) {
        strong++;
        strongScored += fast.lastEvaluated;
      } else {
        weak++;
        weakScored += fast.lastEvaluated;
      }
    }
    expect(allFound).toBeGreaterThan(fewFound);
    // Strong top tens (exact words) cut most candidates by their trigram bound; weak ones
    // (look-alikes) need nearly every one scored.
    expect(strong).toBeGreaterThan(0);
    expect(weak).toBeGreaterThan(0);
    expect(strongScored / strong).toBeLessThan((weakScored / weak) * 0.5);
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

  it('scores texts beyond Latin-1 (dashes, Greek final sigma, Turkish letters) exactly like fuse.js', () => {
    const said = (id: string, text: string, quote: string | null): IndexedStatement => ({
      id, articleId: id.split(':')[0]!, clusterId: id, kind: quote ? 'direct' : 'statement', quote, text,
      speaker: 'Recep Erdoğan', speakerAliases: ['Erdoğan'], outlet: 'Ἐφημερίς', articleTitle: 'Talks — day two', articleOutlet: null,
    });
    const wide = [
      said('w:1', '"We will not accept this — never," Erdoğan said on Tuesday.', 'We will not accept this — never,'),
      said('w:2', 'ΟΔΥΣΣΕΥΣ said: "ΚΑΛΗΜΕΡΑ ΚΟΣΜΕ, ΟΔΥΣΣΕΥΣ ΕΙΜΑΙ" to the crowd…', 'ΚΑΛΗΜΕΡΑ ΚΟΣΜΕ, ΟΔΥΣΣΕΥΣ ΕΙΜΑΙ'),
      said('w:3', 'İstanbul officials said the deal “was never signed” — and left.', 'was never signed'),
      said('w:4', 'Officials in Łódź said the talks would resume — eventually.', null),
      said('w:5', 'We will not accept this deal, the minister said.', 'We will not accept this deal'),
      said('w:6', 'The plan costs €3bn, officials said; “too much,” said Şahin.', 'too much'),
      // A quote cut inside a word: alone its last sigma is final (ς), inside the text it is not (σ).
      said('w:7', 'They chanted ΟΔΥΣΣΕΥΣΑΡΑ all night.', 'ΟΔΥΣΣΕΥΣ'),
    ];
    const fastWide = new FastIndex();
    const plainWide = createPlainFuseIndex();
    fastWide.add(wide);
    plainWide.add(wide);
    for (const q of ['we will not accept this', 'never signed', 'οδυσσευς', 'καλημερα κοσμε', 'istanbul officials', 'erdogan', 'łódź', 'too much', '€3bn', 'talks — day', 'acept this never']) {
      const pq = parseQuery(q);
      const want = plainWide.search(pq, { limit: 10 }).map((h) => [h.id, h.score]);
      expect({ q, hits: fastWide.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING).map((h) => [h.id, h.score]) }).toEqual({ q, hits: want });
      expect({ q, hits: fastWide.search(pq, { limit: 10 }).map((h) => [h.id, h.score]) }).toEqual({ q, hits: want });
    }
  });
});
