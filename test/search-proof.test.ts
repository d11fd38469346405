import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, EXHAUSTIVE_TUNING, FastIndex, createPlainFuseIndex, parseQuery, type FastSearchTuning } from '../src/search/index.js';
import type { IndexedStatement } from '../src/search/types.js';
import { generateCorpus, makeQueries } from '../bench/corpus.js';

/*
 * The proof (src/search/top-docs.ts): when the fast path says its top ten is proven, it must be
 * exactly the exhaustive mode's top ten (ids, scores, order), which the fuse.js tests prove equal
 * to plain fuse.js. Tight budgets make the search stop early and lean on its bounds; randomised
 * corpora and queries of every kind (exact words, typos, phrases, names, filters) exercise them.
 * A bound that is too optimistic lets the search stop before a better statement: this fails.
 */

const TIGHT: FastSearchTuning = {
  ...DEFAULT_TUNING,
  stages: [0.005, 0.05],
  minStagePostings: 20,
  stageExact: 400,
  stageCandidates: 400,
  textCandidates: 400,
  maxExact: 40,
  maxExactWeak: 60,
};

function check(seed: number, tuning: FastSearchTuning): { proven: number; total: number } {
  const corpus = generateCorpus({ size: 1200, seed, vocabulary: 1500, speakers: 60, outlets: 25 });
  const index = new FastIndex();
  index.add(corpus.statements);
  const queries = [
    ...makeQueries(corpus, 90, seed + 1).map((q) => q.text),
    // Common words: many exact matches, decided by field lengths and metadata.
    'the', 'said', 'president', 'officials', 'intelligence', 'the meeting', 'was', 'of the',
    'intelligence kind:quote', 'officials kind:direct', 'the outlet:times',
  ];
  let proven = 0;
  for (const text of queries) {
    const q = parseQuery(text);
    const got = index.search(q, { limit: 10 }, tuning);
    if (!index.lastStage.endsWith(':proven')) continue;
    proven++;
    const want = index.search(q, { limit: 10 }, EXHAUSTIVE_TUNING);
    expect({ text, hits: got.map((h) => [h.id, h.score]) }).toEqual({ text, hits: want.map((h) => [h.id, h.score]) });
  }
  return { proven, total: queries.length };
}

describe('proven top tens', () => {
  it('equal the exhaustive top ten exactly, on randomised corpora and tight budgets', () => {
    for (const seed of [3, 17, 29]) {
      const { proven, total } = check(seed, TIGHT);
      // Not vacuous: most queries of a small corpus are settled by the proof.
      expect(proven).toBeGreaterThan(total * 0.1);
    }
  });

  it('equal the exhaustive top ten exactly with the default tuning', () => {
    const { proven } = check(41, DEFAULT_TUNING);
    expect(proven).toBeGreaterThan(15);
  });
});

describe('a proven top few within a longer list (SearchOptions.prove)', () => {
  it('has the exhaustive top ten first, and stops earlier than proving the whole list', () => {
    const corpus = generateCorpus({ size: 1200, seed: 53, vocabulary: 1500, speakers: 60, outlets: 25 });
    const index = new FastIndex();
    index.add(corpus.statements);
    let proven = 0;
    let cheaper = 0;
    for (const text of makeQueries(corpus, 90, 54).map((q) => q.text)) {
      const q = parseQuery(text);
      const whole = index.search(q, { limit: 60 }, TIGHT);
      const wholeEvaluated = index.lastEvaluated;
      const got = index.search(q, { limit: 60, prove: 10 }, TIGHT);
      expect(got.length).toBeLessThanOrEqual(60);
      const scores = got.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      if (!index.lastStage.endsWith(':proven')) continue;
      proven++;
      if (index.lastEvaluated < wholeEvaluated) cheaper++;
      const want = index.search(q, { limit: 10 }, EXHAUSTIVE_TUNING);
      expect({ text, hits: got.slice(0, 10).map((h) => [h.id, h.score]) }).toEqual({ text, hits: want.map((h) => [h.id, h.score]) });
      // Whatever the list holds beyond the tenth is real: the same hits a full search scores.
      const full = new Map(whole.map((h) => [h.id, h.score]));
      for (const h of got.slice(10)) if (full.has(h.id)) expect(full.get(h.id)).toBe(h.score);
    }
    expect(proven).toBeGreaterThan(10);
    expect(cheaper).toBeGreaterThan(0);
  });
});

describe('a speaker or article filter that leaves few statements', () => {
  // The corpus drowns the filtered speaker's statements: without scoring them all, one that
  // matches only through its article's title ("meeting") is not a candidate.
  const corpus = generateCorpus({ size: 3000, seed: 5, vocabulary: 1500, speakers: 60, outlets: 25 });
  const mine = (id: string, text: string, quote: string | null, title: string): IndexedStatement => ({
    id,
    articleId: `mc-${id}`,
    clusterId: id,
    kind: quote ? 'direct' : 'statement',
    quote,
    text,
    speaker: 'H.R. McMaster',
    speakerAliases: ['McMaster'],
    outlet: null,
    articleTitle: title,
    articleOutlet: 'The Washington Post',
  });
  const statements = [
    ...corpus.statements,
    mine('mc1', '"The story that came out tonight is false," McMaster said of the meeting.', 'The story that came out tonight is false', 'Trump revealed intelligence'),
    mine('mc2', '"At no time were any intelligence sources or methods discussed," McMaster said.', 'At no time were any intelligence sources or methods discussed', 'What happened in the Oval Office meeting'),
  ];
  const index = new FastIndex();
  index.add(statements);
  const plain = createPlainFuseIndex();
  plain.add(statements);

  it('scores every one of them, so title-only matches come back as fuse.js finds them', () => {
    for (const text of ['meeting speaker:McMaster', 'oval office speaker:"H.R. McMaster"', 'meeting']) {
      const q = parseQuery(text);
      const got = index.search(q, { limit: 10 });
      const want = plain.search(q, { limit: 10 });
      if (text !== 'meeting') {
        expect(index.lastStage).toBe('filtered:proven');
        expect({ text, hits: got.map((h) => [h.id, h.score]) }).toEqual({ text, hits: want.map((h) => [h.id, h.score]) });
      }
    }
    const got = index.search(parseQuery('meeting speaker:McMaster'), { limit: 10 }).map((h) => h.id);
    expect(got).toEqual(expect.arrayContaining(['mc1', 'mc2']));
    // Without scoring them all (nor every title, which a corpus this small gets), the title-only
    // statement is not found (what this guards).
    const capped = index.search(parseQuery('meeting speaker:McMaster'), { limit: 10 }, { ...DEFAULT_TUNING, filteredExact: -1, titleScanMax: 0 }).map((h) => h.id);
    expect(capped).not.toContain('mc2');
  });

  it('and an outlet filter likewise', () => {
    const q = parseQuery('oval office outlet:"Washington Post"');
    const got = index.search(q, { limit: 10 });
    expect(index.lastStage).toBe('filtered:proven');
    const want = plain.search(q, { limit: 10 });
    expect(got.map((h) => [h.id, h.score])).toEqual(want.map((h) => [h.id, h.score]));
    expect(got.map((h) => h.id)).toContain('mc2');
  });

  it('and an article filter likewise', () => {
    const q = parseQuery('oval office');
    q.filters.articleId = 'mc-mc2';
    expect(index.search(q, { limit: 10 }).map((h) => h.id)).toEqual(['mc2']);
    expect(index.lastStage).toBe('filtered:proven');
  });
});
