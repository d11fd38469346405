import { describe, expect, it } from 'vitest';
import { isBeliefVerb, speechVerb } from '../src/extract/cues.js';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const only = (text: string) => extractStatements(article(text))[0]!;

describe('reporting cues', () => {
  it('knows the forms of speech and writing verbs', () => {
    for (const w of ['said', 'says', 'told', 'added', 'argued', 'warned', 'tweeted', 'wrote', 'insisted', 'denied', 'acknowledged', 'replied']) {
      expect(speechVerb(w), w).not.toBeNull();
    }
    expect(speechVerb('walked')).toBeNull();
  });

  it('keeps belief verbs apart from speech', () => {
    expect(isBeliefVerb('believes')).toBe(true);
    expect(speechVerb('believes')).toBeNull();
    expect(only('The mayor believes the bridge will open in May.').kind).toBe('statement');
  });

  it('reads reported speech with a range of verbs', () => {
    for (const verb of ['said', 'warned', 'insisted', 'argued', 'acknowledged']) {
      const s = only(`The mayor ${verb} that the bridge will open in May.`);
      expect(s.kind, verb).toBe('indirect');
      expect(s.cue).toBe(verb);
      expect(s.quote).toBe('the bridge will open in May');
    }
  });

  it('reads inverted attribution after the reported words', () => {
    const s = only('The bridge will open in May, said Dana Whitfield, the city engineer.');
    expect(s).toMatchObject({ kind: 'indirect', cue: 'said', speaker: 'Dana Whitfield', speakerRole: 'city engineer' });
  });

  it('reads "according to" before and after the clause', () => {
    expect(only('According to the city engineer, the bridge will open in May.')).toMatchObject({ kind: 'indirect', cue: 'according to', quote: 'the bridge will open in May' });
    expect(only('The bridge will open in May, according to the city engineer.')).toMatchObject({ kind: 'indirect', cue: 'according to', quote: 'The bridge will open in May' });
  });

  it('reads a speech noun as the head of its phrase, not as a cue', () => {
    expect(only('Current and former city officials said the bridge was safe.')).toMatchObject({ speaker: 'Current and former city officials' });
    expect(only('A new Gazette report claims the bridge was never inspected.')).toMatchObject({ cue: 'claims', kind: 'indirect' });
  });

  it('reads an attribution set inside the reported clause', () => {
    expect(only('If the count is small, the campaign said, it may not ask for a recount.')).toMatchObject({
      kind: 'indirect',
      speaker: 'the campaign',
      quote: 'If the count is small it may not ask for a recount',
    });
  });

  it('reads poll shares as speakers', () => {
    expect(only('About four in 10 said they were angry.')).toMatchObject({ kind: 'indirect', speaker: 'About four in 10' });
    expect(only('Twenty-four percent said she did nothing wrong.')).toMatchObject({ kind: 'indirect', speaker: 'Twenty-four percent' });
  });

  it('does not take a passive or a noun for a cue', () => {
    expect(only('The mayor was told nothing about the plan.').kind).toBe('statement');
    expect(only('His report on the bridge runs to forty pages.').kind).toBe('statement');
  });

  it('does not read a negated cue as reported speech', () => {
    expect(only('The ministry has not confirmed the report.').kind).toBe('statement');
    expect(only('The mayor never said the bridge would open.').kind).toBe('statement');
  });

  it('keeps the subject of "went on to say"', () => {
    const text = ['A nurse at the clinic told the Gazette the wait was long.', 'The nurse went on to say the staff "had no time to eat."'].join('\n');
    const st = extractStatements(article(text));
    expect(st[1]).toMatchObject({ kind: 'mixed', cue: 'went on to say', speaker: 'A nurse at the clinic' });
  });
});
