import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/html');
const load = (name: string) => loadPath(join(dir, name), { baseDir: dir });

describe('ingest: HTML', () => {
  it('extracts the main text as paragraphs, without navigation, footer or scripts', async () => {
    const { articles, errors } = await load('story.html');
    expect(errors).toEqual([]);
    const paragraphs = articles[0]!.text.split('\n');
    expect(paragraphs[0]).toMatch(/^President Donald Trump revealed highly classified information/);
    expect(paragraphs).toContain('Sergei Lavrov at the White House. Photo/AP');
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
