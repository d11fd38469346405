import { describe, expect, it } from 'vitest';
import { claimStance } from '../src/corpus/claim-stance.js';

const claim = 'Lisbon was the venue';
const words = ['lisbon', 'venue'];
const stance = (text: string, cue: string | null = null) => claimStance(claim, text, words, cue);

describe('claimStance: does a statement carrying the claim assert it or deny it?', () => {
  it.each([
    'Several papers are now reporting Lisbon was the venue of the talks.',
    'Officials said Lisbon was the venue, according to the Herald.',
    // Negations elsewhere in the sentence are about something else.
    'The mayor did not comment, but aides said Lisbon was the venue.',
    'Lisbon was the venue of a summit the press should not have heard about.',
    // Two denials cancel.
    'Nobody denied that Lisbon was the venue.',
    // "Dispute" the noun is a conflict, not a denial (QA 8).
    'Lisbon, at the centre of a dispute over fishing rights, was the venue.',
    'Lisbon, despite the pay dispute at its port, was the venue.',
    // "not only … but also" adds.
    'Not only was Lisbon the venue, it also paid for the summit.',
  ])('asserts: %s', (text) => {
    expect(stance(text)).toBe('asserts');
  });

  it.each([
    'The ministry denied that Lisbon was the venue.',
    'There is no evidence Lisbon was the venue.',
    'Lisbon was not the venue, officials said.',
    'Lisbon wasn’t the venue.',
    'Lisbon was the venue, the ministry denied.',
    'Lisbon was the venue, which is false.',
    'Reports that Lisbon was the venue are baseless, the mayor said.',
    'Lisbon was the venue, the ministry disputes.',
    'The ministry disputes that Lisbon was the venue.',
  ])('disputes: %s', (text) => {
    expect(stance(text)).toBe('disputes');
  });

  // QA 6b, C6: a negation is judged by what it negates. Negating a doubt, a denial or a
  // concealment is the strongest way to assert; only a negation that reaches the claim flips it.
  it.each([
    'The envoy said there was no doubt Lisbon was the venue.',
    'The envoy said there is not a shadow of doubt that Lisbon was the venue.',
    'The envoy said the press cannot deny that Lisbon was the venue.',
    "The envoy said the press can't deny that Lisbon was the venue.",
    'The envoy said without hesitation that Lisbon was the venue.',
    'The envoy said it was no longer in question that Lisbon was the venue.',
    'The envoy said the organisers had never hidden that Lisbon was the venue.',
    'It is no secret that Lisbon was the venue.',
    'Nobody disputes that Lisbon was the venue.',
    'No one could seriously dispute that Lisbon was the venue.',
  ])('asserts (a negated doubt or denial): %s', (text) => {
    expect(stance(text)).toBe('asserts');
  });

  it('gives a trailing denial to the party it names when someone else reports the claim', () => {
    // The speaker asserts; the firm's denial is the firm's, reported beside it.
    expect(stance('The envoy said Lisbon was the venue, a claim the ministry denies.', 'said')).toBe('asserts');
    expect(stance('The envoy insisted Lisbon was the venue, despite denials from the ministry.', 'insisted')).toBe('asserts');
    // With nobody else reporting it, the trailing denial is the statement's own.
    expect(stance('Lisbon was the venue, the ministry denied.')).toBe('disputes');
    // A negation that reaches the claim still flips it, idioms or not.
    expect(stance('There is no doubt that Lisbon was not the venue.')).toBe('disputes');
    expect(stance('The envoy said without hesitation that Lisbon was not the venue.')).toBe('disputes');
  });

  // QA 6b, C7: questions, conditions, hedges, non-denials and restated rumours carry the claim
  // without stating it; retractions and the writer's "wrongly" take it back.
  it.each([
    'Critics questioned whether Lisbon was the venue.',
    'If Lisbon was the venue, the envoy should resign, the senator said.',
    'The envoy said it was unclear whether Lisbon was the venue.',
    'The envoy said Lisbon may have been the venue.',
    'The envoy said he could not rule out that Lisbon was the venue.',
    'The envoy did not deny that Lisbon was the venue.',
    'The envoy never denied that Lisbon was the venue.',
    'The envoy refused to confirm that Lisbon was the venue.',
    'It has not been confirmed that Lisbon was the venue.',
    'Rumours that Lisbon was the venue have spread online for weeks.',
  ])('mentions without asserting: %s', (text) => {
    expect(stance(text)).toBe('mentions');
  });

  it.each([
    'The envoy retracted his claim that Lisbon was the venue.',
    'The envoy withdrew the allegation that Lisbon was the venue.',
    'The envoy wrongly said that Lisbon was the venue.',
    'The senator rejected rumours that Lisbon was the venue.',
  ])('disputes (a retraction, a verdict on what was said): %s', (text) => {
    expect(stance(text)).toBe('disputes');
  });

  it.each([
    'The envoy has not retracted his claim that Lisbon was the venue.',
    'It is not disputed that Lisbon was the venue.',
    'The Herald reports that Lisbon was the venue.',
    'The envoy said in May that Lisbon was the venue.',
    'The firm withdrew its bid, and Lisbon was the venue.',
    // A report that finds it, and a "questioned" that is no doubt about it.
    'The report found that Lisbon was the venue.',
    'Police questioned the aide who said Lisbon was the venue.',
  ])('asserts (no question, hedge or retraction of the claim): %s', (text) => {
    expect(stance(text)).toBe('asserts');
  });

  it('a claim that hedges is reported by a statement that hedges as it does', () => {
    expect(claimStance('Lisbon may have been the venue', 'The envoy said Lisbon may have been the venue.', words)).toBe('asserts');
  });

  it('takes the reporting verb the extractor found into account', () => {
    expect(stance('Lisbon was the venue, a spokesman told reporters.', 'told')).toBe('asserts');
    expect(stance('The story that Lisbon was the venue came from one aide.', 'denied')).toBe('disputes');
  });

  it('compares with the claim’s own negation', () => {
    const negated = (text: string) => claimStance('Lisbon was not the venue', text, words);
    expect(negated('Lisbon was not the venue, officials said.')).toBe('asserts');
    expect(negated('The ministry denied that Lisbon was the venue.')).toBe('asserts');
    expect(negated('Several papers report Lisbon was the venue.')).toBe('disputes');
    expect(claimStance("it didn't happen", 'McMaster said it did not happen.', ['happen'])).toBe('asserts');
    expect(claimStance("it didn't happen", 'The aide said it happened.', ['happen'])).toBe('disputes');
    // The next sentence of a long quote is not a trailing clause of this one.
    expect(
      claimStance('the report is false', 'The report that came out tonight, as written, is false. I was there, it did not happen.', ['report', 'false']),
    ).toBe('asserts');
  });
});
