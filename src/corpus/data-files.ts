import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { z } from 'zod';
import type { Article } from '../domain/article.js';
import { log } from '../log.js';

/**
 * Which article each file of the data folder gave at the last sync: `sourceKey` (the file's real
 * path) → article id. The store keeps an article until told otherwise, so without this a file
 * deleted from data/ went on answering for ever, and a file renamed and then corrected kept its
 * old version beside the new one (the store replaces a version only under the same key, and a
 * rename changes the key): QA 9. Only one-article files have a key; collection records (JSON
 * arrays, JSON Lines, feeds saved as files) and URLs are never removed this way.
 */
export type DataFileMap = Map<string, string>;

export interface DataFileManifest {
  /** The map saved at the last sync; null when there is none (first start, or it was lost). */
  load(): Promise<DataFileMap | null>;
  save(map: DataFileMap): Promise<void>;
}

/** Kept for the life of the process only (tests, and a corpus with no index folder). */
export function memoryManifest(): DataFileManifest {
  let saved: DataFileMap | null = null;
  return {
    load: () => Promise.resolve(saved ? new Map(saved) : null),
    save: (map) => {
      saved = new Map(map);
      return Promise.resolve();
    },
  };
}

const savedSchema = z.object({ version: z.literal(1), files: z.array(z.tuple([z.string(), z.string()])) });

/** Saved as JSON beside the search index (`data/index/data-files.json`), written aside and renamed. */
export function fileManifest(file: string): DataFileManifest {
  return {
    async load() {
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch {
        return null;
      }
      try {
        return new Map(savedSchema.parse(JSON.parse(raw)).files);
      } catch (err) {
        log.warn({ err, file }, 'list of data-folder files unreadable; files deleted before this start are not noticed');
        return null;
      }
    },
    async save(map) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: 1, files: [...map] }));
      await rename(tmp, file);
    },
  };
}

export interface VanishedPlan {
  /** Article ids no file of the folder gives any more: to delete from the store. */
  remove: string[];
  /** The map to save after this sync. */
  next: DataFileMap;
}

/**
 * Decides what a sync of the data folder removes. `stored` are the articles of this sync that
 * are now in the store (loaded and stored without error). A previous file's article goes when no
 * file of this sync gave its id and either the file is gone or it now gives another article (it
 * was edited). A file that is still there but did not load this time (broken, empty, too large,
 * unreadable for a moment) keeps its article: nothing stored is lost to bad input.
 */
export async function planVanished(
  previous: DataFileMap,
  stored: readonly Article[],
  exists: (path: string) => Promise<boolean> = fileExists,
): Promise<VanishedPlan> {
  const ids = new Set(stored.map((a) => a.id));
  const now: DataFileMap = new Map();
  // Files only: a feed item's key (src/ingest/url.ts) names no file whose absence could be checked.
  for (const a of stored) if (a.sourceKey && isAbsolute(a.sourceKey)) now.set(a.sourceKey, a.id);
  const next: DataFileMap = new Map();
  const remove = new Set<string>();
  for (const [key, id] of previous) {
    const current = now.get(key);
    const gone = current === undefined ? !(await exists(key)) : current !== id;
    if (!gone) {
      if (current === undefined) next.set(key, id);
      continue;
    }
    if (!ids.has(id)) remove.add(id);
  }
  for (const [key, id] of now) next.set(key, id);
  return { remove: [...remove], next };
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    // Only "no such file" means gone; a permission problem or a flaky mount is not a deletion.
    const code = (err as NodeJS.ErrnoException).code;
    return !(code === 'ENOENT' || code === 'ENOTDIR');
  }
}
