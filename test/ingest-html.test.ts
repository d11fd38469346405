import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH, measureDom, measureHtml, plainTextOfHtml, RAW_LIMITS, tooComplex } from '../src/ingest/formats/html-shape.js';
import { htmlFragmentText } from '../src/ingest/formats/html.js';
import { loadPath } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/html');
const load = (name: string) => loadPath(join(dir, name), { baseDir: dir });

describe('ingest: HTML', () => {
  it('extracts the main text as paragraphs, without navigation, footer or scripts', async () => {
    const { articles, errors } = await load('story.html');
    expect(errors).toEqual([]);
    const paragraphs = articles[0]!.text.split('\n');
    expect(paragraphs[0]).toMatch(/^President Donald Trump revealed highly classified information/);
    // The image caption is furniture, not article text (QA 8, test/ingest-furniture.test.ts).
    expect(paragraphs).not.toContain('Sergei Lavrov at the White House. Photo/AP');
    expect(paragraphs).toContain('The fallout');
    // <br> splits a paragraph; typographic quotes and dashes are normalised.
    expect(paragraphs).toContain(`National Security Adviser H.R. McMaster said the story 'as reported' was false.`);
    expect(paragraphs).toContain(`"It didn't happen," he said.`);
    expect(articles[0]!.text).toContain('put a critical source at risk - one that took years');
    expect(articles[0]!.text).not.toMatch(/Home|Copyright|HACKED|document\./);
  });

  it('keeps markup written in the article as text, and never runs the page scripts', async () => {
    const { articles } = await load('story.html');
    expect(articles[0]!.text).toContain('Readers wrote in with <script>alert(1)</script> and @everyone in their letters');
    // The page's scripts would replace the body with "HACKED" had they run in jsdom.
    expect(articles[0]!.text).not.toContain('HACKED');
    expect(articles[0]!.text.split('\n').length).toBeGreaterThan(5);
  });

  it('reads the page metadata: og:title, og:site_name, canonical URL, published time, author', async () => {
    const { articles } = await load('story.html');
    expect(articles[0]).toMatchObject({
      title: 'Trump shared secrets with Lavrov',
      outlet: 'The Daily Example',
      url: 'https://www.example.com/2017/05/16/trump-lavrov/',
      published: '2017-05-16T12:30:00Z',
      author: 'Jane Reporter',
      source: 'story.html',
    });
  });

  it('falls back to JSON-LD metadata (headline, publisher, authors, datePublished, url)', async () => {
    const { articles } = await load('jsonld.html');
    expect(articles[0]).toMatchObject({
      title: 'Officials weigh the damage',
      outlet: 'Example Wire',
      url: 'https://wire.example.org/officials-damage',
      published: '2017-05-17',
      author: 'Ann Writer, Bob Writer',
    });
    expect(articles[0]!.text.split('\n')).toHaveLength(2);
  });

  it('drops the site name from <title> when the page heading is the bare title', async () => {
    const { articles } = await load('site-title.html');
    expect(articles[0]!.title).toBe('Ally angered by leak');
  });

  it('decodes a legacy encoding declared by <meta charset>', async () => {
    const { articles } = await load('koi8.html');
    expect(articles[0]!.text).toBe('Привет мир, this is a test paragraph with enough words.');
  });

  it('uses <title> and derives nothing else when a page has no metadata, and reports a page with no text', async () => {
    const bare = await load('bare.html');
    expect(bare.articles[0]).toMatchObject({ title: 'A bare page', outlet: null, url: null, published: null, author: null });
    expect(bare.articles[0]!.text).toBe('Just one short paragraph of text.');
    expect(await load('no-text.html')).toEqual({ articles: [], errors: [{ source: 'no-text.html', reason: 'no article text found in the page' }] });
  });
});

describe('ingest: HTML too complex for readability (QA6 B1)', () => {
  const para = '<p>"Deep text here and more words to be an article," said Deep Diver.</p>';
  const nested = (depth: number, tag = 'div') => `<html><head><title>Deep page</title></head><body>${`<${tag}>`.repeat(depth)}${para}${`</${tag}>`.repeat(depth)}</body></html>`;
  const tmp = mkdtempSync(join(tmpdir(), 'factbot-html-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const loadHtml = (name: string, html: string) => {
    writeFileSync(join(tmp, name), html);
    return loadPath(join(tmp, name), { baseDir: tmp });
  };
  const tooComplexWarning = /^page too complex for article extraction \(.+\): read as plain text/;

  it('reads nested <div>s of growing depth by the bounded path: the text, the title, and one warning line', async () => {
    // Depth 1000 took 53 s of CPU in readability; 20,000 overflowed the stack in jsdom.
    for (const depth of [200, 1000, 5000, 20_000, 100_000]) {
      const { articles, errors } = await loadHtml(`nested${depth}.html`, nested(depth));
      expect(articles, `depth ${depth}`).toHaveLength(1);
      expect(articles[0]!.text).toBe(`"Deep text here and more words to be an article," said Deep Diver.`);
      expect(articles[0]!.title).toBe('Deep page');
      expect(errors).toEqual([{ source: `nested${depth}.html`, reason: expect.stringMatching(tooComplexWarning), warning: true }]);
      // Depth 200 passes the raw estimate (limit 256) and is caught on the parsed DOM (limit 128).
      expect(errors[0]!.reason).toContain(`nested more than ${depth > RAW_LIMITS.depth ? RAW_LIMITS.depth : MAX_DEPTH} deep`);
    }
  });

  it('decides from the raw HTML before jsdom parses it: depth, element count and re-created formatting elements', () => {
    expect(tooComplex(measureHtml(nested(300)), RAW_LIMITS)).toMatch(/nested more than 256 deep/);
    expect(tooComplex(measureHtml(nested(100)), RAW_LIMITS)).toBeNull();
    expect(tooComplex(measureHtml(`<body>${'<p>word '.repeat(25_000)}`), RAW_LIMITS)).toMatch(/more than 20,000 elements/);
    // 13 KB that the HTML parser turns into ~100,000 elements: 100 <b>s left open, re-created after every </div>.
    const bomb = `<body><div>${Array.from({ length: 100 }, (_, i) => `<b a=${i}>`).join('')}${'</div><div>x'.repeat(1000)}`;
    expect(bomb.length).toBeLessThan(14_000);
    expect(tooComplex(measureHtml(bomb), RAW_LIMITS)).toMatch(/more than 20,000 elements/);
  });

  it('measures the parsed DOM exactly when the raw estimate passes: readability never sees more than the limits', async () => {
    // Each <p><table><td> nests five elements deep (p, table, tbody, tr, td) but the estimate counts fewer.
    const tables = `<body>${'<p><table><td>'.repeat(40)}${para}`;
    expect(tooComplex(measureHtml(tables), RAW_LIMITS)).toBeNull();
    const dom = new JSDOM(tables);
    expect(measureDom(dom.window.document).depth).toBeGreaterThan(MAX_DEPTH);
    dom.window.close();
    const deep = await loadHtml('tables.html', tables);
    expect(deep.articles[0]!.text).toContain('said Deep Diver');
    expect(deep.errors[0]!.reason).toMatch(/nested more than 128 deep/);
    // Width: 11,000 elements side by side (readability: ~3 s at 10,000, 47 s at 32,000).
    const wide = await loadHtml('wide.html', `<html><body>${'<p>One more short line of text.</p>'.repeat(11_000)}</body></html>`);
    expect(wide.articles[0]!.text.split('\n')).toHaveLength(11_000);
    expect(wide.errors[0]!.reason).toMatch(/more than 10,000 elements/);
  });

  it('leaves normal pages to readability: the fixtures are well inside the limits', () => {
    for (const name of ['story.html', 'jsonld.html', 'site-title.html', 'bare.html']) {
      const html = readFileSync(join(dir, name), 'utf8');
      expect(tooComplex(measureHtml(html), RAW_LIMITS), name).toBeNull();
      const dom = new JSDOM(html);
      expect(tooComplex(measureDom(dom.window.document)), name).toBeNull();
      dom.window.close();
    }
  });

  it('reads a page as plain text in one pass: blocks and <br> are paragraphs; scripts, styles and navigation are not text', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style><script>var s = "<p>not text</p>";</script></head><body>' +
      '<nav><a href="/">Home</a><nav>inner</nav> Menu</nav><h1>Head&shy;line</h1><div>First &ldquo;quoted&rdquo; line<br>second line</div>' +
      '<table><tr><td>a</td><td>b</td></tr></table><svg><text>chart</text></svg><p>Caf&eacute; &amp; more &#8212; done</p>' +
      '<pre>one\ntwo</pre><!-- <p>comment</p> --></body></html>';
    expect(plainTextOfHtml(html)).toEqual(['Headline', 'First "quoted" line', 'second line', 'a b', 'Café & more - done', 'one', 'two']);
  });
});

describe('ingest: a feed item\'s HTML content too deep for jsdom (QA6 B1)', () => {
  it('is read in one pass', () => {
    const fragment = `${'<div>'.repeat(50_000)}<p>"Deep," she said.</p>${'</div>'.repeat(50_000)}`;
    expect(htmlFragmentText(fragment)).toBe('"Deep," she said.');
    expect(htmlFragmentText('<p>One</p><p>Two &amp; three</p>')).toBe('One\nTwo & three');
  });
});
