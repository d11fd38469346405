import { describe, expect, it } from 'vitest';
import { byWordCoverage, dropRepeats } from '../src/corpus/group.js';
import type { RankedResult } from '../src/search/index.js';
import type { IndexedStatement } from '../src/search/types.js';

function result(id: string, text: string, over: Partial<IndexedStatement> = {}): RankedResult {
  const statement: IndexedStatement = {
    id,
    articleId: 'a1',
    clusterId: id,
    kind: 'statement',
    quote: null,
    text,
    speaker: null,
    speakerAliases: [],
    outlet: null,
    articleTitle: 'Mayor had the absolute right to close the port',
    articleOutlet: null,
    ...over,
  };
  const hit = { id, score: 0.5, highlights: [] };
  return { hit, statement, clusterSize: 1, members: [hit] };
}

// Fuzzy search also matches the article title: the last two came in through the headline only.
const ranked = [
  result('s1', 'The mayor said she had the absolute right to close it.'),
  result('s2', 'Ferries resumed service on Tuesday.'),
  result('s3', 'The harbour was quiet.', { speaker: 'Ann Vale' }),
  result('s4', 'Officials insisted on their rights.'),
];

describe('byWordCoverage', () => {
  it('orders statements with more of the query words first, keeping the search order within a step', () => {
    const out = byWordCoverage([ranked[1]!, ranked[3]!, ranked[0]!], 'absolute right');
    expect(out.map((r) => r.statement.id)).toEqual(['s1', 's4', 's2']);
  });

  it('leaves out statements with none of the words when others have them', () => {
    const out = byWordCoverage(ranked, 'absolute right', { dropUncovered: true });
    // "rights" is the word "right" inflected: it counts.
    expect(out.map((r) => r.statement.id)).toEqual(['s1', 's4']);
  });

  it('keeps them when a speaker is named (their statements in articles on the topic are answers)', () => {
    const out = byWordCoverage(ranked, 'absolute right', { dropUncovered: false });
    expect(out.map((r) => r.statement.id).sort()).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('keeps everything when no statement has the words itself (a headline match is all there is)', () => {
    const out = byWordCoverage([ranked[1]!, ranked[2]!], 'absolute right', { dropUncovered: true });
    expect(out.map((r) => r.statement.id)).toEqual(['s2', 's3']);
  });

  it('counts a speaker name as the statement’s own words', () => {
    const out = byWordCoverage(ranked, 'ann vale', { dropUncovered: true });
    expect(out.map((r) => r.statement.id)).toEqual(['s3']);
  });
});

describe('dropRepeats', () => {
  it('shows one sentence once: reported speech and the quoted fragment inside it are one result', () => {
    const sentence = 'The mayor tweeted she had the "absolute right" to close the port.';
    const out = dropRepeats([
      result('f', sentence, { kind: 'direct', quote: 'absolute right' }),
      result('m', sentence, { kind: 'mixed', quote: 'she had the "absolute right" to close the port' }),
      // The same words in another article, or another sentence of this one, are still results.
      result('o', sentence, { articleId: 'a2', kind: 'direct', quote: 'absolute right' }),
      result('n', 'She said the right was "hers alone".', { kind: 'direct', quote: 'hers alone' }),
    ]);
    expect(out.map((r) => r.statement.id)).toEqual(['f', 'o', 'n']);
  });
});
