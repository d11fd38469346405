import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/json');
const load = (name: string) => loadPath(join(dir, name), { baseDir: dir });

describe('ingest: JSON and JSON Lines', () => {
  it('loads one record with its metadata and normalised text', async () => {
    const { articles, errors } = await load('one.json');
    expect(errors).toEqual([]);
    expect(articles).toEqual([
      expect.objectContaining({
        text: 'Trump said: "I get great intel."\nHe said it twice.',
        title: 'Great intel',
        outlet: 'AP',
        url: 'https://apnews.com/great-intel',
        published: '2017-05-16T10:00:00Z',
        author: 'Staff',
        source: 'one.json',
      }),
    ]);
  });

  it('loads each good record of an array and names each bad one by its index', async () => {
    const { articles, errors } = await load('many.json');
    expect(articles.map((a) => a.source)).toEqual(['many.json#0', 'many.json#2']);
    expect(articles[0]!.outlet).toBe('Reuters');
    expect(articles[1]!.text).toBe('A record with paragraphs as a list.\nSecond paragraph.');
    expect(articles[1]!.published).toBe('2017-05-17');
    expect(errors).toEqual([
      { source: 'many.json#1', reason: 'record has no "text"' },
      { source: 'many.json#3', reason: expect.stringMatching(/^not a record/) },
      { source: 'many.json#4', reason: expect.stringMatching(/"text" must be a string/) },
      { source: 'many.json#5', reason: 'record has empty text' },
    ]);
  });

  it('loads JSON Lines record by record, naming bad lines by number', async () => {
    const { articles, errors } = await load('records.jsonl');
    expect(articles.map((a) => [a.source, a.text, a.outlet, a.url])).toEqual([
      ['records.jsonl:1', 'Line one article.', 'BBC', null],
      ['records.jsonl:3', 'Line three article.', null, 'https://bbc.example/three'],
    ]);
    expect(errors).toEqual([
      { source: 'records.jsonl:4', reason: expect.stringMatching(/^invalid JSON/) },
      { source: 'records.jsonl:5', reason: 'record has no "text"' },
    ]);
  });

  it('reports invalid JSON and an empty array as one error for the file', async () => {
    expect(await load('broken.json')).toEqual({ articles: [], errors: [{ source: 'broken.json', reason: expect.stringMatching(/^invalid JSON \(/) }] });
    expect(await load('empty-array.json')).toEqual({ articles: [], errors: [{ source: 'empty-array.json', reason: expect.stringMatching(/no records/) }] });
  });

  it('derives the id from the URL when there is one, so the same URL is the same article', async () => {
    const { articles } = await load('records.jsonl');
    const again = await load('records.jsonl');
    expect(articles[1]!.id).toBe(again.articles[1]!.id);
    expect(articles[0]!.id).not.toBe(articles[1]!.id);
  });
});
