import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { createCorpus, CorpusRuntime } from '../src/corpus/index.js';
import { createSearchIndex, parseQuery } from '../src/search/index.js';
import { loadPath, loadSources } from '../src/ingest/index.js';
import { extractStatements } from '../src/extract/index.js';
import { planVanished } from '../src/corpus/data-files.js';
import type { Article } from '../src/domain/article.js';
import type { Store } from '../src/store/types.js';

/**
 * QA 9: the data folder over weeks. A file deleted from data/ kept answering for ever, and a
 * file renamed and then corrected answered with both its old and its corrected words.
 */
describe('data folder: deleted and renamed files', () => {
  let dir: string;
  let articles: string;
  let store: Store;
  let corpus: CorpusRuntime;

  const write = (name: string, text: string) => writeFile(join(articles, name), text);
  const quotes = async (q: string) =>
    (await corpus.search(q, { limit: 10 })).results.map((r) => r.statement.quote ?? r.statement.text);
  const reopen = async () => {
    await corpus.close();
    corpus = await createCorpus({ store, indexDir: join(dir, 'index') });
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factbot-datafiles-'));
    articles = join(dir, 'articles');
    await mkdir(articles);
    store = await openStore({ memory: true });
    corpus = await createCorpus({ store, indexDir: join(dir, 'index') });
    await write('ferry.txt', 'Ferry fares rise\n"Fares will rise by ten percent," said ferry chief Ann Lee.\n');
    await write('school.txt', 'School to reopen\n"The school reopens on Monday," head teacher Bob Quill said.\n');
    const first = await corpus.syncDataDir(dir);
    expect(first.added).toBe(2);
  });
  afterEach(async () => {
    await corpus.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('removes the article of a deleted file, from the store and from answers', async () => {
    await rm(join(articles, 'school.txt'));
    const r = await corpus.syncDataDir(dir);
    expect(r.removed).toBe(1);
    expect(r.articles).toBe(1);
    expect(await quotes('school reopens Monday')).toEqual([]);
    expect(await quotes('fares rise')).toEqual(['Fares will rise by ten percent']);
  }, 30_000);

  it('notices a file deleted while the bot was down (the list is saved with the index)', async () => {
    await reopen();
    await rm(join(articles, 'school.txt'));
    const r = await corpus.syncDataDir(dir);
    expect(r.removed).toBe(1);
    expect(await store.countArticles()).toBe(1);
  }, 30_000);

  it('a renamed file, then corrected, answers with the correction only', async () => {
    await rename(join(articles, 'ferry.txt'), join(articles, '2026-11-ferry.txt'));
    const renamed = await corpus.syncDataDir(dir);
    expect(renamed.removed).toBe(0);
    expect(await store.countArticles()).toBe(2);
    await write('2026-11-ferry.txt', 'Ferry fares rise\n"Fares will rise by twelve percent," said ferry chief Ann Lee.\n');
    const corrected = await corpus.syncDataDir(dir);
    // The rename moved the stored article to the new path (QA 9, finding 8), so the correction
    // replaces it as an update (first ingest time kept), not an addition with the old one removed.
    expect(corrected).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect(await store.countArticles()).toBe(2);
    expect(await quotes('fares will rise')).toEqual(['Fares will rise by twelve percent']);
  }, 30_000);

  it('keeps an article while another file still holds the same text', async () => {
    await write('school-copy.txt', 'School to reopen\n"The school reopens on Monday," head teacher Bob Quill said.\n');
    await corpus.syncDataDir(dir);
    await rm(join(articles, 'school.txt'));
    const r = await corpus.syncDataDir(dir);
    expect(r.removed).toBe(0);
    expect(await quotes('school reopens Monday')).toEqual(['The school reopens on Monday']);
    // And once the copy goes too, so does the article.
    await rm(join(articles, 'school-copy.txt'));
    expect((await corpus.syncDataDir(dir)).removed).toBe(1);
  }, 30_000);

  it('keeps the stored version of a file that is still there but no longer loads', async () => {
    await writeFile(join(articles, 'school.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 9]));
    const r = await corpus.syncDataDir(dir);
    expect(r.removed).toBe(0);
    expect(r.errors.map((e) => e.source)).toEqual(['articles/school.txt']);
    expect(await quotes('school reopens Monday')).toEqual(['The school reopens on Monday']);
  }, 30_000);

  it('removes nothing when the folder gives no article at all (emptied or unmounted)', async () => {
    await rm(articles, { recursive: true });
    const r = await corpus.syncDataDir(dir);
    expect(r.removed).toBe(0);
    expect(await store.countArticles()).toBe(2);
  }, 30_000);

  it('leaves articles ingested from elsewhere alone', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'factbot-outside-'));
    try {
      await writeFile(join(outside, 'pier.txt'), 'Pier\n"The pier is safe," said engineer Tom Vale.\n');
      await corpus.ingest([join(outside, 'pier.txt')]);
      await rm(join(articles, 'ferry.txt'));
      const r = await corpus.syncDataDir(dir);
      expect(r.removed).toBe(1);
      expect(await quotes('pier is safe')).toEqual(['The pier is safe']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('data folder: reloads while the bot runs', () => {
  it('extracts only the articles that are new or changed since this process stored them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-reload-'));
    const store = await openStore({ memory: true });
    const extracted: string[] = [];
    const corpus = await CorpusRuntime.open({
      store,
      createIndex: createSearchIndex,
      parseQuery,
      extract: (a) => (extracted.push(a.title), extractStatements(a)),
      load: (sources) => loadSources(sources),
      loadDir: (d) => loadPath(d),
    });
    try {
      for (const n of [1, 2, 3]) await writeFile(join(dir, `s${n}.txt`), `Story ${n}\n"Plan ${n} is ready," said Ann Lee.\n`);
      expect((await corpus.syncDataDir(dir)).added).toBe(3);
      expect(extracted).toHaveLength(3);
      extracted.length = 0;

      await writeFile(join(dir, 's4.txt'), 'Story 4\n"Plan 4 is ready," said Ann Lee.\n');
      await writeFile(join(dir, 's2.txt'), 'Story 2\n"Plan 2 is late," said Ann Lee.\n');
      const r = await corpus.syncDataDir(dir);
      expect(r).toMatchObject({ added: 1, updated: 1, unchanged: 2, articles: 4 });
      expect(extracted.sort()).toEqual(['Story 2', 'Story 4']);
      extracted.length = 0;

      // An article that left the store some other way is stored again, not skipped.
      const gone = (await store.listArticles()).find((a) => a.title === 'Story 1')!;
      await store.deleteArticle(gone.id);
      const again = await corpus.syncDataDir(dir);
      expect(again).toMatchObject({ added: 1, unchanged: 3, articles: 4 });
      expect(extracted).toEqual(['Story 1']);
      expect((await corpus.search('plan 1 is ready', { limit: 5 })).results[0]?.statement.quote).toBe('Plan 1 is ready');
    } finally {
      await corpus.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('planVanished', () => {
  const art = (id: string, sourceKey: string | null): Article =>
    ({ id, sourceKey, source: sourceKey ?? id, title: id, text: id, contentHash: id, outlet: null, url: null, published: null, author: null }) as Article;
  const exists = (paths: string[]) => (p: string) => Promise.resolve(paths.includes(p));

  it('removes a gone file’s article, and an edited file’s old version', async () => {
    const previous = new Map([
      ['/d/a.txt', 'A'],
      ['/d/b.txt', 'B'],
      ['/d/c.txt', 'C'],
    ]);
    const plan = await planVanished(previous, [art('B2', '/d/b.txt'), art('C', '/d/c.txt')], exists(['/d/b.txt', '/d/c.txt']));
    expect(plan.remove.sort()).toEqual(['A', 'B']);
    expect([...plan.next].sort()).toEqual([
      ['/d/b.txt', 'B2'],
      ['/d/c.txt', 'C'],
    ]);
  });

  it('keeps what is still there though it did not load, and an id another file now gives', async () => {
    const previous = new Map([
      ['/d/broken.txt', 'X'],
      ['/d/old-name.txt', 'Y'],
    ]);
    const plan = await planVanished(previous, [art('Y', '/d/new-name.txt')], exists(['/d/broken.txt', '/d/new-name.txt']));
    expect(plan.remove).toEqual([]);
    expect([...plan.next].sort()).toEqual([
      ['/d/broken.txt', 'X'],
      ['/d/new-name.txt', 'Y'],
    ]);
  });
});
