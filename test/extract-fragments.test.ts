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
    const st = run('Tom Pike said he had read "The Art of Sailing" twice and that the harbour needed "Peace Through Strength."');
    expect(st.filter((s) => s.kind === 'direct')).toEqual([]);
  });

  it('a reported clause without quote marks gets no fragment', () => {
    expect(run('Tom Pike said the quay would close.').map((s) => s.kind)).toEqual(['indirect']);
  });
});
