import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import { loadPath, loadSources, loadUrl } from '../src/ingest/index.js';
import { openStore, type SqlStore } from '../src/store/index.js';

/**
 * Article.sourceKey: a file holding one article is keyed by its real path, so an edited file
 * replaces its earlier version in the store (its text-derived id changes) and the two never
 * corroborate each other, however the file was named.
 */
const V1 = 'The meeting went ahead on Tuesday.\n"We never discussed sources or methods," McMaster told reporters.';
const V2 = 'The meeting went ahead on Tuesday, officials confirmed.\n"We never discussed sources or methods," McMaster told reporters.';
const OTHER = 'A second report.\n"We never discussed sources or methods," McMaster said on Wednesday.';

describe('ingest: sourceKey', () => {
  let root: string;
  let articlesDir: string;
  let store: SqlStore;
  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'factbot-srckey-')));
    articlesDir = join(root, 'data', 'articles');
    mkdirSync(articlesDir, { recursive: true });
    store = await openStore({ memory: true });
  });
  afterAll(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  const ingest = async (source: string) => {
    const loaded = await loadSources([source]);
    expect(loaded.errors).toEqual([]);
    const statuses: string[] = [];
    for (const a of loaded.articles) statuses.push((await store.upsertArticle(a, extractStatements(a))).status);
    return statuses;
  };

  it('is the real path of a one-article file, however it is named', async () => {
    const file = join(articlesDir, 'x.txt');
    writeFileSync(file, V1);
    symlinkSync(file, join(root, 'link.txt'));
    const viaFolder = (await loadPath(join(root, 'data'))).articles[0]!;
    const viaPath = (await loadPath(file)).articles[0]!;
    const viaRelative = (await loadPath(relative(process.cwd(), file))).articles[0]!;
    const viaLink = (await loadPath(join(root, 'link.txt'))).articles[0]!;
    expect(viaFolder.sourceKey).toBe(file);
    for (const a of [viaPath, viaRelative, viaLink]) expect(a.sourceKey).toBe(file);
    expect(new Set([viaFolder.id, viaPath.id, viaLink.id]).size).toBe(1);
    rmSync(join(root, 'link.txt'));
  });

  it('is set for .md, .html and a single-object .json; null for collection records', async () => {
    const dir = join(root, 'formats');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\nSome text here for the article.');
    writeFileSync(join(dir, 'b.html'), '<html><body><article><p>Some page text for the article, long enough.</p></article></body></html>');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ text: 'One record in a file.' }));
    writeFileSync(join(dir, 'd.json'), JSON.stringify([{ text: 'First of two.' }, { text: 'Second of two.' }]));
    writeFileSync(join(dir, 'e.jsonl'), '{"text":"A line record."}\n');
    const { articles } = await loadPath(dir);
    expect(Object.fromEntries(articles.map((a) => [a.source, a.sourceKey]))).toEqual({
      'a.md': join(dir, 'a.md'),
      'b.html': join(dir, 'b.html'),
      'c.json': join(dir, 'c.json'),
      'd.json#0': null,
      'd.json#1': null,
      'e.jsonl:1': null,
    });
    rmSync(dir, { recursive: true });
  });

  it('a record handed over by `factbot ingest` keeps the key it carries (string or null)', async () => {
    const dir = join(root, 'ingested');
    mkdirSync(dir);
    writeFileSync(join(dir, 'h1.json'), JSON.stringify({ text: 'Handed over text.', sourceKey: '/elsewhere/x.txt' }));
    writeFileSync(join(dir, 'h2.json'), JSON.stringify({ text: 'A page handed over.', url: 'https://example.test/p', sourceKey: null }));
    const { articles } = await loadPath(dir);
    expect(articles.map((a) => a.sourceKey)).toEqual(['/elsewhere/x.txt', null]);
    rmSync(dir, { recursive: true });
  });

  it('is null for web pages, even when a fetched JSON document names one', async () => {
    const body = JSON.stringify({ text: 'Remote text.', sourceKey: '/etc/passwd' });
    const fetch = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
    const { articles } = await loadUrl('https://example.test/doc.json', { fetch });
    expect(articles).toHaveLength(1);
    expect(articles[0]!.sourceKey).toBeNull();
  });

  it('an edited file replaces its article: one article, corroboration unchanged', async () => {
    writeFileSync(join(articlesDir, 'x.txt'), V1);
    writeFileSync(join(articlesDir, 'y.txt'), OTHER);
    expect(await ingest(join(root, 'data'))).toEqual(['added', 'added']);
    const before = [...(await store.clusterSizes()).values()];
    expect(before).toEqual([2]);

    writeFileSync(join(articlesDir, 'x.txt'), V2);
    expect(await ingest(join(articlesDir, 'x.txt'))).toEqual(['updated']);
    expect(await store.countArticles()).toBe(2);
    expect([...(await store.clusterSizes()).values()]).toEqual(before);
    // The folder loaded again (as at start): nothing new.
    expect(await ingest(join(root, 'data'))).toEqual(['unchanged', 'unchanged']);
    expect(await store.countArticles()).toBe(2);
  });

  it('two files with identical text are one article (the same id): accepted, see docs/ingest.md', async () => {
    writeFileSync(join(articlesDir, 'copy-of-y.txt'), OTHER);
    expect(await ingest(join(root, 'data'))).toEqual(['unchanged', 'unchanged']);
    expect(await store.countArticles()).toBe(2);
    rmSync(join(articlesDir, 'copy-of-y.txt'));
  });
});
