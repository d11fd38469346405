/**
 * factbot ingest: files, folders, web pages and feeds → normalised `Article`s.
 *
 *   loadPath(path, opts?)    a file (.txt .md .html .json .jsonl) or a folder, recursively
 *   loadUrl(url, opts?)      an http(s) page, RSS/Atom feed, or .md/.txt/.json document
 *   loadSources(sources)     each string a path or an http(s) URL, in order
 *
 * Each resolves to `{ articles, errors }` and never rejects for bad input: a file or record that
 * cannot be loaded is one `IngestError` naming it, and everything else still loads.
 */
import { log } from '../log.js';
import { loadPathImpl } from './files.js';
import { emptyResult, mergeInto, type LoadOptions, type LoadResult } from './types.js';

export type { Article, IngestError, LoadOptions, LoadResult, FetchLike } from './types.js';
export { normaliseText } from './normalise.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_COLLECTION_BYTES, DEFAULT_MAX_FEED_ITEMS, DEFAULT_TIMEOUT_MS } from './types.js';

export async function loadPath(path: string, opts: LoadOptions = {}): Promise<LoadResult> {
  try {
    return dedupe(await loadPathImpl(path, opts));
  } catch (err) {
    return { articles: [], errors: [{ source: path, reason: unexpected(err) }] };
  }
}

export async function loadUrl(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  try {
    const { loadUrlImpl, feedItemKey } = await import('./url.js');
    const { normaliseUrlForId, parseHttpUrl } = await import('./identity.js');
    const result = await loadUrlImpl(url, opts);
    // A web page is identified by its URL; a fetched document never names a local file to replace.
    // Only the keys this feed's own items get (feed and guid) stay.
    const parsed = parseHttpUrl(url);
    const own = parsed ? feedItemKey(normaliseUrlForId(parsed), '') : null;
    for (const a of result.articles) if (!own || !a.sourceKey?.startsWith(own)) a.sourceKey = null;
    return dedupe(result);
  } catch (err) {
    return { articles: [], errors: [{ source: url, reason: unexpected(err) }] };
  }
}

/** A string with a scheme (`https://…`, `ftp://…`, `file:…`) is a URL; anything else is a path. */
export function isUrlLike(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^(file|data|javascript|mailto):/i.test(source);
}

export async function loadSources(sources: readonly string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const result = emptyResult();
  for (const source of sources) {
    mergeInto(result, isUrlLike(source) ? await loadUrl(source, opts) : await loadPath(source, opts));
  }
  return dedupe(result);
}

/**
 * The same article (same id: same URL, or same text without one) met twice in one load is returned
 * once, the first time: a copy of a seed elsewhere under data/, or a page listed in two feeds.
 */
function dedupe(result: LoadResult): LoadResult {
  const seen = new Set<string>();
  const articles = result.articles.filter((a) => {
    if (seen.has(a.id)) {
      log.debug({ id: a.id, source: a.source }, 'ingest: duplicate article skipped');
      return false;
    }
    seen.add(a.id);
    return true;
  });
  return { articles, errors: result.errors };
}

function unexpected(err: unknown): string {
  return `unexpected error (${err instanceof Error ? err.message : String(err)})`;
}
