import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IndexedStatement, SearchIndex } from './types.js';
import { createPlainFuseIndex, plainIndexDocs } from './plain-index.js';

const FORMAT = 'factbot-search-index/plain-1';

/**
 * Writes the index with the store change-feed sequence it reflects. Written to a temporary file
 * and renamed, so a crash never leaves a half-written index behind.
 */
export async function saveIndex(index: SearchIndex, file: string, seq: number): Promise<void> {
  const docs = plainIndexDocs.get(index);
  if (!docs) throw new Error('saveIndex: not an index made by createSearchIndex()');
  await mkdir(dirname(file), { recursive: true });
  const body = JSON.stringify({ format: FORMAT, seq, docs: [...docs()] });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, body);
  await rename(tmp, file);
}

/** The saved index and its sequence; null when there is none or it cannot be read (rebuild then). */
export async function loadIndex(file: string): Promise<{ index: SearchIndex; seq: number } | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(raw) as { format?: string; seq?: number; docs?: IndexedStatement[] };
    if (data.format !== FORMAT || typeof data.seq !== 'number' || !Array.isArray(data.docs)) return null;
    const index = createPlainFuseIndex();
    index.add(data.docs);
    return { index, seq: data.seq };
  } catch {
    return null;
  }
}
