import type { LoadOptions, LoadResult } from './types.js';

export async function loadUrlImpl(url: string, _opts: LoadOptions): Promise<LoadResult> {
  return { articles: [], errors: [{ source: url, reason: 'URL loading is not implemented yet' }] };
}
