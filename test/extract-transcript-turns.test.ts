import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// An invented broadcast transcript: a turn is one speaker's words to the paragraph's end.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(['Harbour Live, with host Tom Reed and Mayor Ruth Calder.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('transcript turns', () => {
  it('every sentence of a turn is the labelled speaker’s, as one passage', () => {
    const s = reported('REED: And obviously, you support the ferry plan. I think some skippers doubt that message.', 'CALDER: Well, I think the whole town needs to work together. We all need unity. People are scared.');
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ speaker: 'Tom Reed', speakerMention: 'REED', cue: ':', quote: 'And obviously, you support the ferry plan. I think some skippers doubt that message' });
    expect(s[1]).toMatchObject({ speaker: 'Ruth Calder', quote: expect.stringContaining('People are scared') });
  });

  it('an acronym or an outlet as the label keeps its own form', () => {
    expect(reported('AP: The ferry will not run on Sunday. Officials gave no reason.')[0]?.speaker).toBe('Associated Press');
  });

  it('a notice label is nobody’s words', () => {
    expect(reported('CLARIFICATION: An earlier version misstated the fare. It is two pounds.')).toEqual([]);
  });
});

describe('a dateline with a colon is no transcript turn', () => {
  it('"LONDON: The minister said …" is the minister’s, sentence by sentence', () => {
    const s = extractStatements(article('Harbour news.\nLONDON: The minister said on Monday the ferry would run. She added that fares would rise.\nThe board met later.')).filter((x) => x.kind !== 'statement');
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ speaker: 'The minister', quote: 'the ferry would run' });
    expect(s[1]).toMatchObject({ speakerMention: 'She', quote: 'fares would rise' });
  });
});
