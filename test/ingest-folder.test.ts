import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_COLLECTION_BYTES, loadPath, loadSources } from '../src/ingest/index.js';

const dir = join(import.meta.dirname, 'fixtures/ingest/folder');

describe('ingest: folders and bad files', () => {
  it('loads every supported file recursively, in name order, with sources relative to the folder', async () => {
    const { articles } = await loadPath(dir);
    expect(articles.map((a) => a.source)).toEqual(['a.txt', 'data/kept.txt', 'latin1.txt', 'sub/b.md', 'sub/deeper/c.json#0', 'utf16.txt']);
  });

  it('skips hidden files and folders, other extensions and the store folders quietly', async () => {
    const { articles, errors } = await loadPath(dir);
    const everything = [...articles.map((a) => a.source + a.text), ...errors.map((e) => e.source)].join('\n');
    expect(everything).not.toMatch(/hidden|cached|notes\.csv|Should not load|stale|idx/i);
  });

  it('names sources relative to baseDir when given one, still skipping the store folders', async () => {
    const { articles } = await loadPath(join(dir, 'data'), { baseDir: dir });
    expect(articles.map((a) => a.source)).toEqual(['data/kept.txt']);
  });

  it('gives one error per bad file or record, naming it, while the rest loads', async () => {
    const { errors } = await loadPath(dir);
    expect(errors).toEqual([
      { source: 'bad.json', reason: expect.stringMatching(/^invalid JSON/) },
      { source: 'binary.txt', reason: 'not a text file (binary content)' },
      { source: 'blank.txt', reason: 'empty file' },
      { source: 'empty.txt', reason: 'empty file' },
      { source: 'sub/deeper/c.json#1', reason: 'record has no "text"' },
    ]);
  });

  it('reads Windows-1252 and UTF-16 text rather than rejecting it', async () => {
    const { articles } = await loadPath(dir);
    expect(articles.find((a) => a.source === 'latin1.txt')!.text).toBe('Café au lait, naïve "quotes" in Windows-1252.');
    expect(articles.find((a) => a.source === 'utf16.txt')!.text).toBe('UTF-16 text.');
  });

  it('refuses files over the size cap (5 MB by default) with a clear reason', async () => {
    expect(DEFAULT_MAX_BYTES).toBe(5 * 1024 * 1024);
    const { articles, errors } = await loadPath(join(dir, 'a.txt'), { maxBytes: 10, baseDir: dir });
    expect(articles).toEqual([]);
    expect(errors).toEqual([{ source: 'a.txt', reason: 'file too large (51 bytes; the limit is 10 bytes)' }]);
  });

  it('allows JSON collections more room (50 MB by default), under their own cap', async () => {
    expect(DEFAULT_MAX_COLLECTION_BYTES).toBe(50 * 1024 * 1024);
    const json = join(dir, 'sub/deeper/c.json');
    expect((await loadPath(json, { maxBytes: 10 })).articles).toHaveLength(1);
    expect((await loadPath(json, { maxCollectionBytes: 10, baseDir: dir })).errors).toEqual([
      { source: 'sub/deeper/c.json', reason: expect.stringMatching(/^file too large \(\d+ bytes; the limit is 10 bytes\)$/) },
    ]);
  });

  it('reports a missing path and an unsupported single file instead of throwing', async () => {
    expect(await loadPath(join(dir, 'nope.txt'), { baseDir: dir })).toEqual({ articles: [], errors: [{ source: 'nope.txt', reason: 'no such file or folder' }] });
    const { errors: hinted } = await loadSources(['www.example.com/2017/story']);
    expect(hinted[0]!.reason).toBe('no such file or folder (for a web page, give the full http(s):// URL)');
    const csv = await loadPath(join(dir, 'notes.csv'), { baseDir: dir });
    expect(csv.errors).toEqual([{ source: 'notes.csv', reason: expect.stringMatching(/^unsupported file type/) }]);
  });

  it('returns an article met twice in one load once, the first time', async () => {
    const { articles } = await loadSources([join(dir, 'a.txt'), dir]);
    expect(articles.filter((a) => a.text.startsWith('Article a,')).map((a) => a.source)).toEqual([join(dir, 'a.txt')]);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });

  it('loadSources loads several paths in order and refuses non-http URLs', async () => {
    const { articles, errors } = await loadSources([join(dir, 'a.txt'), join(dir, 'sub'), 'ftp://example.com/x.txt', 'file:///etc/passwd']);
    expect(articles.map((a) => a.text.split('\n')[0])).toEqual(['Article a, first paragraph.', 'The body of b.', 'Record c0.']);
    expect(errors.map((e) => e.source)).toEqual(['deeper/c.json#1', 'ftp://example.com/x.txt', 'file:///etc/passwd']);
    expect(errors[1]!.reason).toMatch(/only http and https/);
  });
});
