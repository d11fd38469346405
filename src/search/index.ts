/**
 * Search: query syntax, the statement index, ranking. See README "## Search".
 */
import type { SearchIndex } from './types.js';
import { FastIndex } from './fast-index.js';

export type { IndexedStatement, SearchFilters, SearchHit, SearchIndex, SearchOptions, SearchQuery } from './types.js';
export { parseQuery, isEmptyQuery, emptyQuery, queryPattern, MAX_QUERY_LENGTH } from './query.js';
export { rankResults, RELEVANCE_BAND, type RankContext, type RankedResult } from './rank.js';
export { highlightRanges } from './highlight.js';
export { FUSE_KEYS, FUSE_THRESHOLD } from './fuse-options.js';
export { normalizeName } from './names.js';
export { createPlainFuseIndex } from './plain-index.js';
export { FastIndex, DEFAULT_TUNING, EXHAUSTIVE_TUNING, type FastSearchTuning } from './fast-index.js';

/** The statement index the corpus uses. */
export function createSearchIndex(): SearchIndex {
  return new FastIndex();
}
export { saveIndex, loadIndex } from './persist.js';
