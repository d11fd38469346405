import { loadIndex, saveIndex } from '../search/index.js';
import type { IndexPersistence } from './runtime.js';
import { log } from '../log.js';

/** The index saved in one file by src/search (`saveIndex`/`loadIndex`), with its change-feed sequence. */
export function fileIndexPersistence(file: string): IndexPersistence {
  return {
    async load() {
      try {
        return await loadIndex(file);
      } catch (err) {
        log.warn({ err, file }, 'saved search index unreadable; rebuilding from the store');
        return null;
      }
    },
    save: (index, seq) => saveIndex(index, file, seq),
  };
}
