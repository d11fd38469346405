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
