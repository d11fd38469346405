import type { LoadResult } from '../types.js';
import type { ParseContext } from './index.js';

export async function parseHtml(_content: string, source: string, _ctx: ParseContext): Promise<LoadResult> {
  return { articles: [], errors: [{ source, reason: 'HTML loading is not implemented yet' }] };
}
