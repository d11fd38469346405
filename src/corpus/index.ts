import { join } from 'node:path';
import type { Store } from '../store/types.js';
import { createSearchIndex, parseQuery } from '../search/index.js';
import { offThreadExtractor } from '../extract/off-thread.js';
import { loadPath, loadSources } from '../ingest/index.js';
import { CorpusRuntime, type IndexPersistence } from './runtime.js';
import { fileIndexPersistence } from './persist.js';
import { fileManifest } from './data-files.js';

export { CorpusRuntime, type SyncReport, type IndexPersistence } from './runtime.js';
export type { Corpus, IngestReport, SearchPage, SearchResult } from './types.js';

export interface CreateCorpusOptions {
  store: Store;
  /** Where the search index is saved between runs (e.g. data/index); omitted: rebuilt at every start. */
  indexDir?: string;
  /** Tests: a persistence of their own. */
  persistence?: IndexPersistence;
}

/**
 * The corpus on the real pieces: the store given, a fuzzy index built from it (or restored from
 * `indexDir` and brought up to date from the store's change feed), ingest and extraction.
 */
export function createCorpus(opts: CreateCorpusOptions): Promise<CorpusRuntime> {
  const persistence =
    opts.persistence ?? (opts.indexDir ? fileIndexPersistence(join(opts.indexDir, 'statements.json')) : undefined);
  const extractor = offThreadExtractor();
  return CorpusRuntime.open({
    store: opts.store,
    createIndex: createSearchIndex,
    parseQuery,
    extract: (article) => extractor.extract(article),
    closeExtract: () => extractor.close(),
    load: (sources) => loadSources(sources),
    loadDir: (dir) => loadPath(dir),
    ...(persistence ? { persistence } : {}),
    ...(opts.indexDir ? { dataFiles: fileManifest(join(opts.indexDir, 'data-files.json')) } : {}),
  });
}
