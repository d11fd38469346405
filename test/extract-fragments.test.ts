import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n')));

describe('quoted fragments of reported speech', () => {
  it('a fragment in quote marks is also a direct quote of the same speaker, after its mixed statement', () => {
    const st = run('Mayor Kim Aldous tweeted she had the "absolute right" to close the quay.');
    expect(st.map((s) => [s.kind, s.quote, s.speaker])).toEqual([
      ['mixed', 'she had the "absolute right" to close the quay', 'Kim Aldous'],
      ['direct', 'absolute right', 'Kim Aldous'],
    ]);
    expect(st[1]!.text).toBe(st[0]!.text);
  });

  it('titles and slogans in quote marks are not fragments of anyone\'s words', () => {
    const st = run('Tom Pike said he had read "Salt and Sail" twice and that the harbour needed "Ports Before Profits."');
    expect(st.filter((s) => s.kind === 'direct')).toEqual([]);
  });

  it('a reported clause without quote marks gets no fragment', () => {
    expect(run('Tom Pike said the quay would close.').map((s) => s.kind)).toEqual(['indirect']);
  });
});

describe('fragments that are words mentioned, and quotes after a time', () => {
  it('"the words “…”", "the phrase “…”" mention words; they are no one\'s quote', () => {
    const st = run('Mayor Jo Reed said her refusal to use the words “harbour tax” was a non-issue.');
    expect(st.filter((s) => s.kind === 'direct')).toEqual([]);
  });

  it('a participle with a time before its quote: "footage of X saying during the debate, “…”"', () => {
    const st = run('The advert ends with footage of Pike saying during the debate last week, “That makes me careful,” as Reed objected.');
    expect(st.find((s) => s.kind === 'direct')).toMatchObject({ speaker: 'Pike', quote: 'That makes me careful' });
  });
});

describe('fragments that are not the speaker\'s own words', () => {
  const directs = (...paras: string[]) => run(...paras).filter((s) => s.kind === 'direct').map((s) => [s.speaker, s.quote]);

  it('a denial: the words denied are no direct quote of the one who denies them', () => {
    const st = run('Mayor Jo Vantner on Friday denied ever saying "the east quay will be sold before the regatta".');
    expect(st.map((s) => [s.kind, s.speaker, s.cue])).toEqual([['mixed', 'Jo Vantner', 'denied']]);
    expect(directs('Vantner rejected claims that she had "sold out the harbour".')).toEqual([]);
  });

  it('a negated or nested speech verb: not the words of the outer speaker', () => {
    expect(directs('Vantner did not say "the ferry crews should look for other work", her office said.')).toEqual([]);
    expect(directs('Pell accused Vantner of saying "the east ward does not count at all".')).toEqual([]);
    expect(directs('Ann Rusk said Vantner had told her "the dredging report must stay private until June".')).toEqual([]);
  });

  it('the speaker\'s own word for what they reject, and a second verb of the same speaker, stay their quotes', () => {
    expect(directs('Pell dismissed the whole row as "absurd and petty".')).toEqual([['Pell', 'absurd and petty']]);
    expect(directs('Pell said the quay was safe and added that the critics were "completely wrong about the piles".')).toEqual([['Pell', 'completely wrong about the piles']]);
    expect(directs('Pell said the plan was late, adding that it was "a sorry mess from start to finish".')).toEqual([['Pell', 'a sorry mess from start to finish']]);
  });
});

describe('a quote introduced inside someone else\'s report', () => {
  it('"Pell claimed Vantner had said “…”" is no direct quote of Vantner: it stays in Pell\'s statement', () => {
    const st = run('Pell claimed Vantner had said "the east ward does not count at all".');
    expect(st.map((s) => [s.kind, s.speaker, s.cue])).toEqual([['mixed', 'Pell', 'claimed']]);
    expect(run('Ann Rusk said Vantner told her: "The dredging report must stay private."').map((s) => [s.kind, s.speaker])).toEqual([['mixed', 'Ann Rusk']]);
  });

  it('the outer speaker named again as "he", and footage of someone speaking, keep their quotes', () => {
    expect(run('Pell said he answered: "We will not close the quay."').filter((s) => s.kind === 'direct').map((s) => s.speaker)).toEqual(['Pell']);
    expect(run('The advert closes with footage of Pell saying, "We will not close the quay."').find((s) => s.kind === 'direct')?.speaker).toBe('Pell');
  });
});
