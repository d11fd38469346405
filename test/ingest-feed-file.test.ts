import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedOutlet } from '../src/ingest/formats/feed.js';
import { loadPath } from '../src/ingest/index.js';

// QA 8: newsrooms hand over RSS/Atom exports as files; only URLs were read.
const dir = join(import.meta.dirname, 'fixtures/ingest/feeds');

describe('ingest: RSS and Atom feed files', () => {
  it('loads each item with content as an article, the feed title (without its section) as outlet', async () => {
    const { articles, errors } = await loadPath(join(dir, 'news.rss'), { baseDir: dir });
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({
      source: 'news.rss#0',
      title: 'Harbour lights relit',
      outlet: 'Pellow Bay Echo',
      url: 'https://echo.example/news/lights',
      author: 'Kerenza Polglase',
      published: '2026-11-10T07:30:00Z',
      text: 'The harbour lights were relit on Monday.\n"Ships can see us again," harbourmaster Idris Penhallow said.',
      sourceKey: null,
    });
    // An item with only a link is not fetched from a file: one line naming it.
    expect(errors).toEqual([{ source: 'news.rss#1', reason: expect.stringMatching(/^feed item has no content/) }]);
  });

  it('reads Atom, and says so when an .xml file is not a feed', async () => {
    const { articles, errors } = await loadPath(dir, { baseDir: dir });
    expect(articles.map((a) => [a.source, a.outlet, a.text])).toEqual([
      ['news.atom#0', 'Quarry Hill Post', 'Councillors approved the quarry expansion by six votes to five.'],
      ['news.rss#0', 'Pellow Bay Echo', expect.stringContaining('relit')],
      // Atom content as XHTML elements, not escaped HTML.
      ['xhtml.atom#0', 'Pellow Bay Echo', `The roof of the Pellow chapel has been saved, the trustees said.\n"We thought we would lose it," said trustee Morwenna Keast.`],
    ]);
    expect(errors.map((e) => [e.source, e.reason])).toEqual([
      ['news.rss#1', expect.stringMatching(/no content/)],
      ['sitemap.xml', 'not an RSS or Atom feed'],
    ]);
  });

  it('names the outlet without the feed section', () => {
    expect(feedOutlet('Brackwater Sentinel - News')).toBe('Brackwater Sentinel');
    expect(feedOutlet('The Echo | Top Stories')).toBe('The Echo');
    expect(feedOutlet('Quarry Hill Post')).toBe('Quarry Hill Post');
    expect(feedOutlet('News')).toBe('News');
    expect(feedOutlet(null)).toBeNull();
  });
});

describe('ingest: wire copy as NITF and NewsML-G2 files', () => {
  const wire = join(import.meta.dirname, 'fixtures/ingest/wire');

  it('reads NITF: headline, distributor as outlet, byline, issue date; body paragraphs, not the tagline', async () => {
    const { articles, errors } = await loadPath(join(wire, 'strike.nitf.xml'), { baseDir: wire });
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      source: 'strike.nitf.xml',
      title: 'Port strike spreads to second city',
      outlet: 'Meridian Wire',
      author: 'Ines Pereira',
      published: '2026-10-03T09:15:00Z',
      text:
        'WELLSBOROUGH, Oct 3 (Meridian Wire) - Dock workers in Wellsborough joined a strike on Thursday.\n' +
        '"We will stay out as long as Carrow Bay stays out," Goran Stavridis told Meridian Wire.\n' +
        'The port operator said it was "disappointed".',
      // One article per file: an edited file replaces its earlier version.
      sourceKey: realpathSync(join(wire, 'strike.nitf.xml')),
    });
  });

  it('reads a NewsML-G2 item with inline XHTML', async () => {
    const { articles, errors } = await loadPath(join(wire, 'quay.xml'), { baseDir: wire });
    expect(errors).toEqual([]);
    expect(articles[0]).toMatchObject({
      title: 'Quay bollards to be replaced',
      outlet: 'Meridian Wire',
      author: 'Kerenza Polglase',
      published: '2026-10-04T09:30:00Z',
      text: 'Every bollard on the north quay will be replaced this winter, the harbour trust said.\n"Two of them snapped like carrots," harbourmaster Idris Penhallow said.',
    });
  });
});
