import type { LoadResult } from '../types.js';

/**
 * The file formats ingest understands, by extension. Parsers are imported on first use so loading
 * plain text never pays for jsdom.
 */
export type Format = 'txt' | 'markdown' | 'html' | 'json' | 'jsonl' | 'feed';

const EXTENSIONS: Record<string, Format> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  // RSS / Atom saved as files (formats/feed-file.ts).
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

export function formatOfPath(path: string): Format | null {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? (EXTENSIONS[m[0].toLowerCase()] ?? null) : null;
}

export interface ParseContext {
  /** The page's URL when the content was fetched: resolves relative links, fallback article URL. */
  url?: string;
}

/** Parses decoded content of a known format into articles (or errors naming `source`). */
export async function parseContent(format: Format, content: string, source: string, ctx: ParseContext = {}): Promise<LoadResult> {
  switch (format) {
    case 'txt':
      return (await import('./txt.js')).parseTxt(content, source);
    case 'markdown':
      return (await import('./markdown.js')).parseMarkdown(content, source);
    case 'html':
      return (await import('./html.js')).parseHtml(content, source, ctx);
    case 'json':
      return (await import('./json.js')).parseJson(content, source);
    case 'jsonl':
      return (await import('./json.js')).parseJsonLines(content, source);
    case 'feed':
      return (await import('./feed-file.js')).parseFeedFile(content, source);
  }
}
