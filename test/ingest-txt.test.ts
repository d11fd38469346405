import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPath } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/txt');

describe('ingest: .txt', () => {
  it('reads one paragraph a line, normalised, with a derived title and no metadata', async () => {
    const { articles, errors } = await loadPath(join(dir, 'crlf-curly.txt'), { baseDir: dir });
    expect(errors).toEqual([]);
    expect(articles).toHaveLength(1);
    const a = articles[0]!;
    expect(a.text).toBe(
      [
        'The minister said the plan was "dead on arrival" - and he meant it.',
        `"It didn't happen," he told Reuters.`,
        'The fallout',
        'Photo/AP',
      ].join('\n'),
    );
    expect(a.title).toBe('The minister said the plan was "dead on arrival" - and he meant it');
    expect(a).toMatchObject({ outlet: null, url: null, published: null, author: null, source: 'crlf-curly.txt' });
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('derives the title from the first sentence, not cut at abbreviations or initials', async () => {
    const { articles } = await loadPath(join(dir, 'abbrev.txt'));
    expect(articles[0]!.title).toBe('Mr. Smith went to Washington on Tuesday');
    expect(articles[0]!.text.split('\n')).toHaveLength(2);
  });

  it('gives the same id and hash for the same text loaded twice, and the path as given as source', async () => {
    const path = join(dir, 'abbrev.txt');
    const [a, b] = await Promise.all([loadPath(path), loadPath(path)]);
    expect(a.articles[0]!.id).toBe(b.articles[0]!.id);
    expect(a.articles[0]!.contentHash).toBe(b.articles[0]!.contentHash);
    expect(a.articles[0]!.source).toBe(path);
  });
});
