import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { loadIndex, saveIndex } from '../search/index.js';
import type { CorpusCounts, IndexPersistence } from './runtime.js';
import { log } from '../log.js';

/**
 * The index saved in one file by src/search (`saveIndex`/`loadIndex`), with its change-feed
 * sequence, and the corpus counts beside it (`<file>.counts.json`, same sequence). The counts are
 * used only when their sequence is the index's: a crash between the two writes, or an older
 * file, means counting again from the store, never wrong counts.
 */
export function fileIndexPersistence(file: string): IndexPersistence {
  const countsFile = `${file}.counts.json`;
  return {
    async load() {
      let saved: Awaited<ReturnType<typeof loadIndex>>;
      try {
        saved = await loadIndex(file);
      } catch (err) {
        log.warn({ err, file }, 'saved search index unreadable; rebuilding from the store');
        return null;
      }
      if (!saved) return null;
      const counts = await loadCounts(countsFile, saved.seq);
      return counts ? { ...saved, counts } : saved;
    },
    async save(index, seq, counts) {
      await saveIndex(index, file, seq);
      if (!counts) {
        await rm(countsFile, { force: true });
        return;
      }
      const tmp = `${countsFile}.${process.pid}.tmp`;
      const body: SavedCounts = { version: 1, seq, quotes: counts.quotes, words: [...counts.words] };
      await writeFile(tmp, JSON.stringify(body));
      await rename(tmp, countsFile);
    },
  };
}

const savedCountsSchema = z.object({
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  words: z.array(z.tuple([z.string(), z.number().int().positive()])),
});
type SavedCounts = z.infer<typeof savedCountsSchema>;

async function loadCounts(file: string, seq: number): Promise<CorpusCounts | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = savedCountsSchema.parse(JSON.parse(raw));
    if (parsed.seq !== seq) return null;
    return { quotes: parsed.quotes, words: new Map(parsed.words) };
  } catch (err) {
    log.warn({ err, file }, 'saved corpus counts unreadable; counting again from the store');
    return null;
  }
}
