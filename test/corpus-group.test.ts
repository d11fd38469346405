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

describe('dropRepeats: echoes of an attributed quote (QA 8)', () => {
  const quote = 'We inherited a contract that would have bankrupted this city. I will not apologise for fixing it';
  const attributed = result('q', `"${quote}," Mayor Adaeze Okonkwo-Hale said.`, { kind: 'direct', quote, speaker: 'Adaeze Okonkwo-Hale' });

  it('drops an unattributed repeat of part of the quote in the same article, even ranked above it', () => {
    const out = dropRepeats([
      result('p1', 'We inherited a contract that would have bankrupted this city.'),
      attributed,
      result('p2', 'I will not apologise for fixing it.'),
    ]);
    expect(out.map((r) => r.statement.id)).toEqual(['q']);
  });

  it('drops it when the quote shown is another article\'s copy of the same quote', () => {
    const shown = { ...attributed, members: [attributed.hit, { id: 'q2', score: 0.5, highlights: [] }] };
    const copy = { ...attributed.statement, id: 'q2', articleId: 'a3' };
    const get = (id: string) => (id === 'q2' ? copy : id === 'q' ? attributed.statement : undefined);
    const out = dropRepeats([shown, result('p3', 'We inherited a contract that would have bankrupted this city.', { articleId: 'a3' })], get);
    expect(out.map((r) => r.statement.id)).toEqual(['q']);
  });

  it('keeps it in another article, when it says more, or when it is attributed itself', () => {
    const out = dropRepeats([
      attributed,
      result('other', 'We inherited a contract that would have bankrupted this city.', { articleId: 'a2' }),
      result('more', 'Critics said: we inherited a contract that would have bankrupted this city, and worse.'),
      result('own', 'I will not apologise for fixing it, the deputy mayor said.', { speaker: 'Jo Rudd', kind: 'indirect' }),
      result('short', 'Fixing it.'),
    ]);
    expect(out.map((r) => r.statement.id)).toEqual(['q', 'other', 'more', 'own', 'short']);
  });
});

describe('describesSomeone', () => {
  it('tells a description from a name', async () => {
    const { describesSomeone } = await import('../src/corpus/group.js');
    for (const d of ["Northmere's mayor", 'a union official', 'the ministry', 'Officials familiar with the matter']) expect(describesSomeone(d)).toBe(true);
    for (const n of ['Adaeze Okonkwo-Hale', 'Jo van der Berg', 'H.R. McMaster', 'Olena Kovalenko', 'Søren Ødegård']) expect(describesSomeone(n)).toBe(false);
  });
});
