import type { Article, IngestError } from '../domain/article.js';

export type { Article, IngestError };

/** What every entry point of `src/ingest` resolves to; one bad file never throws. */
export interface LoadResult {
  articles: Article[];
  errors: IngestError[];
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface LoadOptions {
  /**
   * `source` of articles loaded from files is their path relative to this folder. Default: the
   * folder loaded (for `loadPath(folder)`), or the path as given (for a single file).
   */
  baseDir?: string;
  /** Largest file (one article) or download read, in bytes (default 5 MB): bigger ones are an error. */
  maxBytes?: number;
  /** Largest .json / .jsonl file read from disk, in bytes (default 50 MB): these hold many articles. */
  maxCollectionBytes?: number;
  /** For tests: the fetch used by `loadUrl` (default: the global fetch). */
  fetch?: FetchLike;
  /** Per-request time limit for `loadUrl`, in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** At most this many items of one RSS/Atom feed are loaded (default 50). */
  maxFeedItems?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_COLLECTION_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_FEED_ITEMS = 50;

export function emptyResult(): LoadResult {
  return { articles: [], errors: [] };
}

export function mergeInto(target: LoadResult, add: LoadResult): LoadResult {
  target.articles.push(...add.articles);
  target.errors.push(...add.errors);
  return target;
}
