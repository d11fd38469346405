import { describe, expect, it } from 'vitest';
import { isNegated, sentencesOf, verbatimFor } from '../src/corpus/verbatim.js';

describe('verbatimFor: the speaker’s own words for a headline', () => {
  it('splits a quote into sentences, closing quote marks included', () => {
    expect(sentencesOf('It is false. I was there! Was it? "Yes." 3 more.')).toEqual(['It is false.', 'I was there!', 'Was it?', '"Yes."', '3 more.']);
    expect(sentencesOf('Mr. smith said so')).toEqual(['Mr. smith said so']);
    expect(sentencesOf('I told Mr. Lavrov and H.R. McMaster. Then Gen. Votel left.')).toEqual(['I told Mr. Lavrov and H.R. McMaster.', 'Then Gen. Votel left.']);
  });

  it('reads negation in words, contractions and curly apostrophes', () => {
    for (const t of ['it did not happen', 'it didn’t happen', "it didn't happen", 'it didnt happen', 'we wont', 'at no time', 'never again', 'nobody knew', 'we cannot'])
      expect(isNegated(t), t).toBe(true);
    for (const t of ['it happened', 'notable events', 'knowledge', 'the nonce', 'a want ad', 'the mint']) expect(isNegated(t), t).toBe(false);
  });

  it('picks the sentence with the claim’s words and says whether negation agrees', () => {
    const said = 'The story that came out tonight is false. I was in the room, it didn’t happen.';
    expect(verbatimFor('it happened', said)).toEqual({ span: 'I was in the room, it didn’t happen.', sameNegation: false, spanNegated: true });
    expect(verbatimFor('it did not happen', said).sameNegation).toBe(true);
    expect(verbatimFor('the story is false', said)).toEqual({ span: 'The story that came out tonight is false.', sameNegation: true, spanNegated: false });
  });

  it('cuts a long sentence to a window around the matched words, marking the cuts', () => {
    const filler = 'and then we talked about many other matters of the day in the long meeting';
    const said = `${filler} ${filler} before the council finally approved the harbour budget for next year ${filler} ${filler}.`;
    const { span } = verbatimFor('council approved harbour budget', said);
    expect(span.length).toBeLessThanOrEqual(112);
    expect(span).toMatch(/^….*the council finally approved the harbour budget for next.*…$/);
    expect(said.includes(span.slice(1, -1))).toBe(true);
  });

  it('never cuts a negation away from the words it negates', () => {
    const said =
      'At no time, and I want to be very clear about this to everyone in the room and everyone watching at home today, were any intelligence sources or methods discussed with the Russian visitors.';
    const m = verbatimFor('intelligence sources were discussed', said);
    expect(m.sameNegation).toBe(false);
    expect(m.span).toMatch(/^At no time/);
    expect(m.span.length).toBeLessThanOrEqual(112);
  });
});
