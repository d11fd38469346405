import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import { extractStatements } from '../src/extract/index.js';
import { offThreadExtractor } from '../src/extract/off-thread.js';

function article(text: string, id = 'a1'): Article {
  return { id, title: 'Harbour plan stalls', outlet: 'Harbour Post', url: null, published: '2026-03-01', author: null, text, source: `${id}.txt`, contentHash: id };
}

const paragraph = [
  '"We will not retreat from the harbour plan," Ann Vale, the harbour board chair, said on Monday.',
  'Critics said the plan would cost $4 million more than promised.',
  '"It is a good day for the town. We are ready," she told the Courier.',
  'According to two officials familiar with the talks, the vote was delayed.',
].join('\n\n');

describe('extraction off the bot’s thread', () => {
  const extractor = offThreadExtractor();
  afterAll(() => extractor.close());

  it('gives exactly the statements extraction on the main thread gives', async () => {
    const a = article(paragraph);
    expect(await extractor.extract(a)).toEqual(extractStatements(a));
  });

  it('leaves the event loop free while a long article is extracted', async () => {
    // About half a megabyte: on the main thread this is one synchronous call of a second or so,
    // during which no timer (no platform acknowledgement) can run.
    const big = article(Array.from({ length: 1200 }, () => paragraph).join('\n\n'), 'big');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const statements = await extractor.extract(big);
      expect(statements.length).toBeGreaterThan(1200);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);

  it('reports an article that fails as an error, and goes on with the next', async () => {
    const broken = { ...article(paragraph), text: 42 } as unknown as Article;
    await expect(extractor.extract(broken)).rejects.toThrow();
    expect((await extractor.extract(article(paragraph))).length).toBeGreaterThan(0);
  });

  it('still extracts after it was closed (on the main thread)', async () => {
    const other = offThreadExtractor();
    await other.close();
    const a = article(paragraph);
    expect(await other.extract(a)).toEqual(extractStatements(a));
  });
});
