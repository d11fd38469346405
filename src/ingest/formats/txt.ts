import { buildArticle } from '../build.js';
import { normaliseText } from '../normalise.js';
import type { LoadResult } from '../types.js';

/** Plain text: one paragraph a line (blank lines are ignored). No metadata: the title is derived. */
export function parseTxt(content: string, source: string): LoadResult {
  const built = buildArticle({ text: normaliseText(content), source });
  return built.ok ? { articles: [built.article], errors: [] } : { articles: [], errors: [{ source, reason: built.reason }] };
}
