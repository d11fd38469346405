import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type SqlStore } from '../src/store/index.js';
import { createCorpus, type CorpusRuntime } from '../src/corpus/index.js';
import type { SearchIndex } from '../src/search/types.js';
import { writeOldClusters, writeOldSpeakers } from './helpers/old-rules.js';

/**
 * What a user sees after a store written under older rules starts: the corroboration counts and
 * the speakers in answers are the corrected ones, also when the search index saved before the
 * correction (data/index) is restored and brought up to date from the change feed.
 */

const indexOf = (corpus: CorpusRuntime): SearchIndex => (corpus as unknown as { index: SearchIndex }).index;

async function counts(corpus: CorpusRuntime, store: SqlStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of ['c1', 'c3', 'm1', 'm2', 's1']) {
    const [st] = await store.getStatements(id);
    out[id] = (await corpus.corroboration(st!)).articles;
  }
  return out;
}

describe('corpus after a start that corrects clusters and speakers stored under older rules', () => {
  let dir: string;
  /** The sequence after the correcting start. */
  let corrected = 0;
  const indexDir = (): string => join(dir, 'index');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'factbot-corpus-rules-'));
    const store = await openStore({ dataDir: dir });
    await writeOldClusters(store);
    await writeOldSpeakers(store);
    // The index is built, and saved, while the store still has the old clusters and speakers.
    const corpus = await createCorpus({ store, indexDir: indexDir() });
    expect(await counts(corpus, store)).toEqual({ c1: 4, c3: 4, m1: 2, m2: 2, s1: 2 });
    expect(indexOf(corpus).get('c3:0')?.clusterId).toBe('c1:0');
    expect(indexOf(corpus).get('bare:0')?.speaker).toBe('Tom Reed');
    await corpus.close();
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the corrected corroboration and speakers, from the saved index and the change feed', async () => {
    const store = await openStore({ dataDir: dir });
    const rebuilt = vi.spyOn(store, 'iterateStatements');
    const corpus = await createCorpus({ store, indexDir: indexDir() });
    try {
      // The saved index was restored, not rebuilt: the corrections came through the feed.
      expect(rebuilt).not.toHaveBeenCalled();
      corrected = await store.currentSeq();
      expect(corpus.indexedSeq).toBe(corrected);
      expect(await counts(corpus, store)).toEqual({ c1: 3, c3: 1, m1: 1, m2: 1, s1: 2 });
      expect(indexOf(corpus).get('c3:0')?.clusterId).toBe('c3:0');
      expect(indexOf(corpus).get('m2:0')?.clusterId).toBe('m2:0');
      expect(indexOf(corpus).get('bare:0')?.speaker).toBe('Reed');
      expect(Object.fromEntries((await corpus.speakers()).filter((s) => s.name.includes('Reed')).map((s) => [s.name, s.statements]))).toEqual({
        Reed: 1,
        'Tom Reed': 1,
        'Jo Reed': 1,
      });
      // In answers: the two versions are two results, each counted on its own.
      const page = await corpus.search('plans to close the harbour bridge before the summer season', { limit: 5 });
      const byQuote = Object.fromEntries(page.results.filter((r) => r.statement.quote?.includes('plans to close')).map((r) => [r.statement.clusterId, r.corroboration.articles]));
      expect(byQuote).toEqual({ 'c1:0': 3, 'c3:0': 1 });
    } finally {
      await corpus.close();
      await store.close();
    }
  }, 60_000);

  it('a second start changes nothing', async () => {
    const store = await openStore({ dataDir: dir });
    const corpus = await createCorpus({ store, indexDir: indexDir() });
    try {
      expect(corrected).toBeGreaterThan(0);
      expect(await store.currentSeq()).toBe(corrected);
      expect(corpus.indexedSeq).toBe(corrected);
      expect(await counts(corpus, store)).toEqual({ c1: 3, c3: 1, m1: 1, m2: 1, s1: 2 });
    } finally {
      await corpus.close();
      await store.close();
    }
  }, 60_000);
});
