import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUrl } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';
import { storeArticles } from '../src/corpus/runtime.js';
import { extractStatements } from '../src/extract/index.js';

/**
 * A feed polled over days (QA 9): the newsroom corrects an item and its link changes with the
 * headline (same guid). The corrected item was a second article, and the superseded words kept
 * answering, corroborated by the correction.
 */
let server: Server;
let base = '';
let feed = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/feed.xml')) {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feed);
      return;
    }
    res.writeHead(404);
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rss = (items: Array<{ title: string; slug: string; guid: string; quote: string }>) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Skerry Gazette</title>` +
  items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${base}/${i.slug}</link><guid isPermaLink="false">${i.guid}</guid>` +
        `<content:encoded><![CDATA[<p>"${i.quote}," council leader Ada Brook said on Tuesday.</p><p>The tram plan has been debated for two years by the council.</p>]]></content:encoded></item>`,
    )
    .join('') +
  `</channel></rss>`;

describe('fetched feed items keep their identity by guid', () => {
  it('a corrected item whose link changed replaces its earlier version', async () => {
    const store = await openStore({ memory: true });
    try {
      feed = rss([{ title: 'Tram vote delayed', slug: 'tram-vote-delayed', guid: 'gz-1001', quote: 'The vote will be held in March' }]);
      const first = await loadUrl(`${base}/feed.xml`);
      expect(first.articles[0]?.sourceKey).toBe(`feed-item:127.0.0.1:${new URL(base).port}/feed.xml#gz-1001`);
      expect((await storeArticles(store, extractStatements, first)).added).toBe(1);

      feed = rss([{ title: 'Tram vote delayed again', slug: 'tram-vote-delayed-again', guid: 'gz-1001', quote: 'The vote will be held in April' }]);
      const second = await storeArticles(store, extractStatements, await loadUrl(`${base}/feed.xml`));
      expect(second).toMatchObject({ added: 0, updated: 1 });
      const stored = await store.listArticles();
      expect(stored.map((a) => a.title)).toEqual(['Tram vote delayed again']);
      const quotes = (await store.getStatements(stored[0]!.id)).map((s) => s.quote).filter(Boolean);
      expect(quotes).toEqual(['The vote will be held in April']);
    } finally {
      await store.close();
    }
  }, 30_000);

  it('gives no key when several items of the feed share a guid (each would replace the others)', async () => {
    feed = rss([
      { title: 'Tram vote delayed', slug: 'a', guid: 'same', quote: 'The vote will be held in March' },
      { title: 'Library hours cut', slug: 'b', guid: 'same', quote: 'We have no choice but to cut hours' },
      { title: 'Pier reopens', slug: 'c', guid: 'other', quote: 'The pier is open again' },
    ]);
    const r = await loadUrl(`${base}/feed.xml`);
    expect(r.articles.map((a) => [a.title, a.sourceKey ?? null])).toEqual([
      ['Tram vote delayed', null],
      ['Library hours cut', null],
      ['Pier reopens', expect.stringMatching(/#other$/)],
    ]);
  });
});
