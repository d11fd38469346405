import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented people and places. A vox-pop shape: `"…," said X, a fisher, who said …` reports two things.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(['The Harwich ferry board met on Monday.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('a relative clause with a cue of its own after an inverted speaker', () => {
  it('is a second passage of the same speaker, not part of the speaker phrase', () => {
    const s = reported('“I have never voted before,” said Nina Dale, a fisher from Harwich, who said the ferry was the only issue.');
    expect(s[0]).toMatchObject({ kind: 'direct', speaker: 'Nina Dale', speakerMention: 'Nina Dale, a fisher from Harwich', quote: 'I have never voted before' });
    expect(s[1]).toMatchObject({ kind: 'indirect', speaker: 'Nina Dale', quote: 'the ferry was the only issue' });
  });

  it('also after a description', () => {
    const s = reported('“I will vote,” said one former skipper, who said he left on good terms.');
    expect(s[0]).toMatchObject({ speaker: 'one former skipper', speakerMention: 'one former skipper' });
    expect(s[1]).toMatchObject({ speaker: 'one former skipper', quote: 'he left on good terms' });
  });

  it('a relative clause that describes the person stays in the phrase', () => {
    expect(reported('“It was a mess,” said Tom Reed, who runs the port.')[0]?.speakerMention).toBe('Tom Reed, who runs the port');
    expect(reported('“It was a mess,” said Tom Reed, a pollster who has predicted every vote since 1990.')).toHaveLength(1);
  });
});

describe('"have long said"', () => {
  it('is the subject’s cue', () => {
    expect(reported('The skippers have long insisted the channel is silting up.')[0]).toMatchObject({ speaker: 'The skippers', quote: 'the channel is silting up' });
    // ("Long" with a capital is a name)
    expect(reported('Ann Long said the channel is silting up.')[0]?.speaker).toBe('Ann Long');
  });
});
