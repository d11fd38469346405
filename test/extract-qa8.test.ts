import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented articles for QA 8's extraction findings (fictional people, places and outlets).
const article = (outlet: string | null, ...paras: string[]): Article => ({
  id: 'q8', title: 'Harbour news', outlet, url: null, published: null, author: null, text: paras.join('\n'), source: 'q8', contentHash: 'h',
});

describe('"X said, adding that …" (QA 8)', () => {
  it('reports both the clause before the attribution and the added one, with the whole role', () => {
    const s = extractStatements(article('Reuters', 'WELLSBOROUGH (Reuters) - Dock workers extended their strike on Monday, union leader Grigor Stanchev said, adding that talks had failed.'));
    expect(s.map((x) => [x.speaker, x.quote, x.speakerRole])).toEqual([
      ['Grigor Stanchev', 'Dock workers extended their strike on Monday', 'union leader'],
      ['Grigor Stanchev', 'talks had failed', 'union leader'],
    ]);
  });

  it('keeps the role whole when the name opens the sentence or follows "and"', () => {
    const s = extractStatements(article(null, 'Union leader Ines Mbatha said the channel was clear.', 'The ferry sailed at noon, and union leader Ines Mbatha said the channel was clear.'));
    expect(s.map((x) => x.speakerRole)).toEqual(['Union leader', 'union leader']);
  });
});
