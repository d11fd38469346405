import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented poll and vox-pop sentences: a share of a group is the speaker, and the share matters
// ("half of the skippers said" is not "the skippers said").
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(['The Harwich ferry poll was published on Monday.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('a quantity of people as the speaker', () => {
  it('a share of a named group, whole', () => {
    expect(reported('About half of the skippers said they were angry.')[0]).toMatchObject({ speaker: 'About half of the skippers', quote: 'they were angry' });
    expect(reported('And until the closure, most of them said they had loved the port.')[0]).toMatchObject({ speaker: 'most of them', quote: 'they had loved the port' });
    expect(reported('Some of the fishers said the quota was unfair.')[0]?.speaker).toBe('Some of the fishers');
    expect(reported('Only 28 percent of voters said they trusted the board.')[0]?.speaker).toBe('Only 28 percent of voters');
  });

  it('a quantity alone', () => {
    expect(reported('Many say the ferry is too slow.')[0]).toMatchObject({ speaker: 'Many', quote: 'the ferry is too slow' });
    expect(reported('About 47% say the board should act now.')[0]?.speaker).toBe('About 47%');
    expect(reported('All but two said the board should resign.')[0]?.speaker).toBe('All but two');
  });

  it('not an idiom, a floating quantifier, a noun or a relative pronoun', () => {
    expect(reported('All told, the port spent more than two million pounds.')).toEqual([]);
    expect(reported('Some protest leaders said they would march to the quay.')[0]?.speaker).not.toBe('Some');
    expect(reported('The skippers met the mayor, many of whom say the quota is unfair.').some((s) => /whom/.test(s.speaker ?? ''))).toBe(false);
  });
});

describe('two institutions before a plural person noun', () => {
  it('is one group speaker', () => {
    expect(reported('Harbour Board and Coastguard spokesmen said the channel was closed.')[0]).toMatchObject({ speaker: 'Harbour Board and Coastguard spokesmen', quote: 'the channel was closed' });
    expect(reported('The Harwich and Leeds skippers say the channel is silting up.')[0]?.speaker).toBe('The Harwich and Leeds skippers');
  });
});

describe('a place set off by commas is no speaker', () => {
  it('a state after a town belongs to the place', () => {
    expect(reported('Ruth Calder, during a town hall in Columbus, Ohio, said she would cut fares.')[0]).toMatchObject({ speaker: 'Ruth Calder', quote: 'she would cut fares' });
  });

  it('a document sent on a day, then a quote', () => {
    expect(reported('Bob Quill issued a statement Tuesday saying, “The fares will not rise.”')[0]).toMatchObject({ speaker: 'Bob Quill', kind: 'direct', quote: 'The fares will not rise.' });
  });
});
