import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { createCorpus } from '../src/corpus/index.js';
import { SEED_DIR } from './helpers/corpus.js';

/**
 * The start-up summary's quote count after a restart with a saved index and a new article
 * (QA F26: it counted only the new article's quotes).
 */
describe('quote count across a restart with a saved index', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factbot-counts-'));
    await cp(SEED_DIR, join(dir, 'articles'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const open = async () => {
    const store = await openStore({ dataDir: dir });
    const corpus = await createCorpus({ store, indexDir: join(dir, 'index') });
    return { store, corpus, close: async () => (await corpus.close(), await store.close()) };
  };

  it('counts every quote, not only the new article’s', async () => {
    const first = await open();
    const before = await first.corpus.syncDataDir(dir);
    await first.close();
    expect(before.quotes).toBeGreaterThan(5);

    await writeFile(join(dir, 'articles', 'new.txt'), 'Harbour news\n\n"We will reopen the harbour on Monday," Mayor Joe Bloggs said.\n');
    const second = await open();
    const after = await second.corpus.syncDataDir(dir);
    const stats = await second.corpus.wordStats();
    await second.close();
    expect(after.added).toBe(1);
    expect(after.quotes).toBe(before.quotes + 1);
    // Word counts cover the whole corpus too, not only the new article.
    expect(stats.statements).toBe(after.statements);
    expect(stats.counts.get('israel') ?? 0).toBeGreaterThan(1);
  }, 60_000);
});
