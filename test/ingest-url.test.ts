import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources, loadUrl, type FetchLike } from '../src/ingest/index.js';

const fixtures = join(import.meta.dirname, 'fixtures/ingest');
const file = (p: string) => readFileSync(join(fixtures, p));

/** Routes of a loopback server: path → [content type, body]. */
const routes: Record<string, [string, Buffer | string]> = {
  '/story': ['text/html; charset=utf-8', file('html/story.html')],
  '/rss.xml': ['application/rss+xml', file('url/rss.xml')],
  '/rss-as-xml': ['text/xml; charset=utf-8', file('url/rss.xml')],
  '/atom': ['application/atom+xml', file('url/atom.xml')],
  '/item-page.html': ['text/html', file('url/item-page.html')],
  '/notes.md': ['text/plain', file('url/notes.md')],
  '/notes-typed': ['text/markdown; charset=utf-8', file('url/notes.md')],
  '/record': ['application/json', file('url/record.json')],
  '/plain.txt': ['text/plain; charset=utf-8', file('url/plain.txt')],
  '/untyped-html': ['', file('url/item-page.html')],
  '/latin1': ['text/plain; charset=iso-8859-1', Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x73, 0x61, 0x69, 0x64, 0x2e])],
  '/misdeclared': ['text/plain; charset=iso-8859-1', Buffer.from('Caf\u00e9 \u201cau lait\u201d.', 'utf8')],
  '/image.png': ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])],
  '/empty': ['text/html', ''],
};

let server: Server;
let base: string;
let hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.push(path);
    if (path === '/redirect') {
      res.writeHead(302, { location: '/story' }).end();
      return;
    }
    if (path === '/slow') return; // never answers: the client's time limit must end it
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // No content-length: the cap must hold while streaming.
      const chunk = 'x'.repeat(1024) + '\n';
      let n = 0;
      const write = () => {
        while (n++ < 200) if (!res.write(chunk)) return void res.once('drain', write);
        res.end();
      };
      write();
      return;
    }
    if (path === '/many.xml') {
      const items = Array.from({ length: 10 }, (_, i) => `<item><title>Item ${i}</title><link>https://many.example.invalid/${i}</link><content:encoded>&lt;p&gt;Body of item ${i}.&lt;/p&gt;</content:encoded></item>`).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Many</title>${items}</channel></rss>`);
      return;
    }
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, route[0] ? { 'content-type': route[0] } : {});
    res.end(route[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('ingest: URLs', () => {
  it('loads an HTML page through readability, with the page metadata and the URL as source', async () => {
    const { articles, errors } = await loadUrl(`${base}/story`);
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'Trump shared secrets with Lavrov',
      outlet: 'The Daily Example',
      url: 'https://www.example.com/2017/05/16/trump-lavrov/',
      source: `${base}/story`,
    });
    expect(articles[0]!.text).toContain(`"It didn't happen," he said.`);
  });

  it('follows redirects and uses the final URL when the page names no canonical one', async () => {
    const redirected = await loadUrl(`${base}/redirect`);
    expect(redirected.articles[0]!.title).toBe('Trump shared secrets with Lavrov');
    const untyped = await loadUrl(`${base}/untyped-html`);
    expect(untyped.articles[0]).toMatchObject({ url: `${base}/untyped-html`, outlet: 'Example Wire Online', title: 'Linked item page' });
  });

  it('loads Markdown, JSON and plain text by content type or extension', async () => {
    const { articles, errors } = await loadSources([`${base}/notes.md`, `${base}/record`, `${base}/plain.txt`]);
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.title, a.outlet, a.text])).toEqual([
      ['Notes over HTTP', 'Notes Daily', 'A markdown body over HTTP.'],
      ['JSON over HTTP', null, 'A JSON record over HTTP.'],
      ['Plain text over HTTP', null, 'Plain text over HTTP.\nSecond line.'],
    ]);
  });

  it('reads text/markdown as Markdown whatever the URL', async () => {
    const { articles } = await loadUrl(`${base}/notes-typed`);
    expect(articles[0]).toMatchObject({ title: 'Notes over HTTP', outlet: 'Notes Daily', text: 'A markdown body over HTTP.', source: `${base}/notes-typed` });
  });

  it('decodes the declared charset', async () => {
    const { articles } = await loadUrl(`${base}/latin1`);
    expect(articles[0]!.text).toBe('"Hi" - said.');
    // Valid UTF-8 wins over a declared Latin-1: servers often misdeclare.
    expect((await loadUrl(`${base}/misdeclared`)).articles[0]!.text).toBe('Café "au lait".');
  });

  it('turns every failure into an IngestError naming the URL, never a throw', async () => {
    const cases: [string, RegExp, object?][] = [
      [`${base}/nothing-here`, /^HTTP 404/],
      [`${base}/image.png`, /unsupported content type \(image\/png\)|binary/],
      [`${base}/empty`, /empty response/],
      [`${base}/big`, /too large/, { maxBytes: 50_000 }],
      [`${base}/slow`, /timed out after 200 ms/, { timeoutMs: 200 }],
      ['http://127.0.0.1:1/closed-port', /connection refused|fetch failed/],
      ['ftp://127.0.0.1/file.txt', /only http and https/],
      ['not a url', /not an http\(s\) URL/],
    ];
    for (const [url, reason, opts] of cases) {
      const result = await loadUrl(url, opts);
      expect(result.articles, url).toEqual([]);
      expect(result.errors, url).toEqual([{ source: url, reason: expect.stringMatching(reason) }]);
    }
  });

  it('uses an injected fetch when given one', async () => {
    const seen: string[] = [];
    const fakeFetch = async (input: string) => {
      seen.push(input);
      return new Response('Injected text body.', { headers: { 'content-type': 'text/plain' } });
    };
    const { articles } = await loadUrl('https://injected.example.invalid/a.txt', { fetch: fakeFetch });
    expect(seen).toEqual(['https://injected.example.invalid/a.txt']);
    expect(articles[0]!.text).toBe('Injected text body.');
  });
});

describe('ingest: RSS and Atom feeds', () => {
  it('makes one article per RSS item: full content when present, else the linked page; a dead link is an error', async () => {
    hits = [];
    const { articles, errors } = await loadUrl(`${base}/rss.xml`);
    expect(articles).toHaveLength(2);
    const [full, linked] = articles;
    expect(full).toMatchObject({
      title: 'Full content item',
      outlet: 'Example Wire',
      url: 'https://wire.example.invalid/full-content',
      published: '2017-05-16T14:00:00Z',
      author: 'Ann Writer',
      source: 'https://wire.example.invalid/full-content',
    });
    expect(full!.text).toBe('"We are still assessing it," one official said.\nSecond paragraph & more <b>text</b>.');
    expect(linked).toMatchObject({ title: 'Linked item page', outlet: 'Example Wire Online', url: `${base}/item-page.html`, published: '2017-05-17T09:30:00Z' });
    expect(linked!.text).toContain('"It was a serious breach," a former official said.');
    expect(hits).toEqual(expect.arrayContaining(['/rss.xml', '/item-page.html', '/missing.html']));
    expect(hits).not.toContain('/full-content');
    expect(errors).toEqual([{ source: `${base}/missing.html`, reason: 'HTTP 404 Not Found' }]);
  });

  it('recognises a feed served as generic XML', async () => {
    const { articles } = await loadUrl(`${base}/rss-as-xml`);
    expect(articles.map((a) => a.title)).toEqual(['Full content item', 'Linked item page']);
  });

  it('reads Atom entries with HTML or text content', async () => {
    const { articles, errors } = await loadUrl(`${base}/atom`);
    expect(errors).toEqual([]);
    expect(articles.map((a) => [a.title, a.outlet, a.author, a.published, a.url, a.text])).toEqual([
      ['Atom entry with HTML content', 'Atom Example', 'Carl Writer', '2017-05-18T08:00:00Z', 'https://atom.example.invalid/entry-1', 'The ambassador said the relationship was strong.\nNothing more.'],
      ['Atom entry with text content', 'Atom Example', null, '2017-05-18T09:00:00Z', 'https://atom.example.invalid/entry-2', 'Plain text line one.\nPlain text line two.'],
    ]);
  });

  it('loads at most maxFeedItems items of a feed', async () => {
    const { articles } = await loadUrl(`${base}/many.xml`, { maxFeedItems: 3 });
    expect(articles.map((a) => a.text)).toEqual(['Body of item 0.', 'Body of item 1.', 'Body of item 2.']);
  });
});

describe('ingest: web pages read despite a problem say so (QA6 B1, B2)', () => {
  const deep = `<html><head><title>Deep page</title></head><body>${'<div>'.repeat(1000)}<p>"Deep text here," said Deep Diver.</p>${'</div>'.repeat(1000)}</body></html>`;
  /** A fetch that answers every URL from this table (content type, body), else 404. */
  const stub =
    (table: Record<string, [string, string | Buffer]>): FetchLike =>
    async (input) => {
      const hit = table[input];
      if (!hit) return new Response('', { status: 404 });
      // A copy into a plain ArrayBuffer: what the Response types accept.
      const body = typeof hit[1] === 'string' ? hit[1] : new Uint8Array(hit[1]).buffer;
      return new Response(body, { headers: { 'content-type': hit[0] } });
    };

  it('a deeply nested page, given as a URL or linked from a feed item, is read by the bounded path with one warning', async () => {
    const page = await loadUrl('https://deep.example.invalid/story', { fetch: stub({ 'https://deep.example.invalid/story': ['text/html', deep] }) });
    expect(page.articles.map((a) => a.text)).toEqual(['"Deep text here," said Deep Diver.']);
    expect(page.errors).toEqual([{ source: 'https://deep.example.invalid/story', reason: expect.stringMatching(/^page too complex for article extraction/), warning: true }]);
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep feed</title><item><title>Deep</title><link>https://deep.example.invalid/item</link></item></channel></rss>`;
    const feed = await loadUrl('https://deep.example.invalid/feed.xml', {
      fetch: stub({ 'https://deep.example.invalid/feed.xml': ['application/rss+xml', rss], 'https://deep.example.invalid/item': ['text/html', deep] }),
    });
    expect(feed.articles.map((a) => [a.title, a.text])).toEqual([['Deep page', '"Deep text here," said Deep Diver.']]);
    expect(feed.errors).toEqual([{ source: 'https://deep.example.invalid/item', reason: expect.stringMatching(/^page too complex for article extraction/), warning: true }]);
  });

  it('a UTF-8 download with one invalid byte keeps its accents and curly quotes, with a warning', async () => {
    const bytes = Buffer.concat([Buffer.from('\u201cThe caf\u00e9 will open,\u201d said Ren\u00e9e M\u00fcller.\nA stray byte ', 'utf8'), Buffer.from([0xff]), Buffer.from(' here.\n')]);
    const { articles, errors } = await loadUrl('https://mixed.example.invalid/a.txt', { fetch: stub({ 'https://mixed.example.invalid/a.txt': ['text/plain', bytes] }) });
    expect(articles[0]!.text).toBe('"The café will open," said Renée Müller.\nA stray byte \uFFFD here.');
    expect(errors).toEqual([{ source: 'https://mixed.example.invalid/a.txt', reason: 'read as UTF-8, but 1 invalid byte sequence (first on line 2) replaced by U+FFFD', warning: true }]);
  });
});
