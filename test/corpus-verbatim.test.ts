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

  it('judges negation in the clauses that carry the claim, not anywhere in the sentence (QA 6b, B1)', () => {
    expect(verbatimFor('we will keep the bridge open', 'We will keep the bridge open, and no lorries will be allowed on it.').sameNegation).toBe(true);
    expect(verbatimFor('the bridge is safe', 'I never thought I would say this, but the bridge is safe.').sameNegation).toBe(true);
    expect(verbatimFor('I did sign the contract', 'I did sign the contract for the pier repairs and I never met the contractor.').sameNegation).toBe(true);
    expect(verbatimFor('I met the contractor', 'I did sign the contract for the pier repairs and I never met the contractor.').sameNegation).toBe(false);
  });

  it('a frame calling the words untrue reverses them, and is kept in the span (QA 6b, C9)', () => {
    const said =
      'It would be completely wrong, and frankly irresponsible, for anyone on this council or in the regional government or in the local press to tell residents that the north pier is safe for heavy lorries this winter.';
    const m = verbatimFor('the north pier is safe for heavy lorries', said);
    expect(m).toMatchObject({ sameNegation: false, spanNegated: true });
    expect(m.span).toMatch(/wrong/);
    expect(verbatimFor('the report is false', 'The report is false.').sameNegation).toBe(true);
    expect(verbatimFor('it would be wrong to say the pier is safe', 'It would be wrong to say the pier is safe.').sameNegation).toBe(true);
  });
});
