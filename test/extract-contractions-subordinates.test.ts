import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented people and places.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(['Ruth Calder chairs the Harwich ferry board.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('a pronoun with its auxiliary in one token is the subject', () => {
  it('"she’s telling", "he’s predicting", "they’ve said"', () => {
    expect(reported('She’s telling allies that the board will reconsider.')[0]).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'She', quote: 'the board will reconsider' });
    expect(reported('She\'s predicting she will win the vote.')[0]).toMatchObject({ speaker: 'Ruth Calder', quote: 'she will win the vote' });
    expect(reported('She’s said the ferry will run on Sundays.')[0]).toMatchObject({ speaker: 'Ruth Calder', cue: 'said', quote: 'the ferry will run on Sundays' });
    expect(reported('They’ve told the board the fares must rise.')[0]).toMatchObject({ speakerMention: 'They', quote: 'the fares must rise' });
  });

  it('not a passive, a negation or "it"', () => {
    expect(reported('She’s told that the ferry is late.')).toEqual([]);
    expect(reported('It’s said that the ferry is haunted.')).toEqual([]);
    expect(reported('She’s not predicting a win.')).toEqual([]);
  });
});

describe('words reported inside a fronted subordinate clause', () => {
  it('end where the main clause begins', () => {
    expect(reported('While Bob Quill has said the ferry will run, the board must still decide.')[0]).toMatchObject({ speaker: 'Bob Quill', quote: 'the ferry will run' });
    expect(reported('Although Bob Quill said the ferry, which is old, would run, the board cancelled it.')[0]).toMatchObject({ speaker: 'Bob Quill', quote: 'the ferry, which is old, would run' });
    expect(reported('Even though Bob Quill said the ferry would run, the board cancelled it.')[0]?.quote).toBe('the ferry would run');
  });

  it('the subordinator is no part of the speaker', () => {
    expect(reported('If Bob Quill says the fares will rise, voters will be angry.')[0]).toMatchObject({ speaker: 'Bob Quill', speakerMention: 'Bob Quill', quote: 'the fares will rise' });
  });

  it('a main clause keeps its reported words whole', () => {
    expect(reported('Bob Quill said the ferry would run, and the board agreed.')[0]?.quote).toBe('the ferry would run, and the board agreed');
  });
});
