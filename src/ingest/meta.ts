/**
 * Metadata fields as records give them (front matter, JSON): the agreed names first, then the
 * common spellings other tools write, so an export from elsewhere loads without renaming.
 */
export interface RecordMeta {
  title: unknown;
  outlet: unknown;
  url: unknown;
  published: unknown;
  author: unknown;
}

const ALIASES: Record<keyof RecordMeta, readonly string[]> = {
  title: ['title', 'headline'],
  outlet: ['outlet', 'publisher', 'site_name', 'siteName', 'site', 'source_name', 'sourceName', 'publication', 'publication_name', 'publicationName', 'newspaper'],
  url: ['url', 'link', 'canonical', 'canonical_url', 'canonicalUrl'],
  published: ['published', 'date', 'published_at', 'publishedAt', 'pubDate', 'datePublished', 'published_time'],
  author: ['author', 'authors', 'byline', 'creator'],
};

function first(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = record[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

export function pickMeta(record: Record<string, unknown>): RecordMeta {
  // News APIs (NewsAPI and its clones) give the outlet as `source: { id, name }`; a string
  // `source` is too often a path or a URL to be taken for one.
  const source = record.source;
  const outlet = first(record, ALIASES.outlet) ?? (isPlainObject(source) && typeof source.name === 'string' && source.name.trim() ? source.name : undefined);
  const title = first(record, ALIASES.title) ?? ansHeadline(record);
  return {
    // WordPress's REST API nests it: { rendered }.
    title: isPlainObject(title) && typeof title.rendered === 'string' ? title.rendered : title,
    // `publisher` is sometimes JSON-LD shaped: { name }.
    outlet: outlet && typeof outlet === 'object' && 'name' in outlet ? (outlet as { name: unknown }).name : outlet,
    url: first(record, ALIASES.url),
    published: first(record, ALIASES.published) ?? first(record, ['publish_date', 'first_publish_date', 'display_date']),
    author: first(record, ALIASES.author) ?? (isPlainObject(record.credits) ? record.credits.by : undefined),
  };
}

/** Arc XP (ANS): `headlines: { basic }`. */
function ansHeadline(record: Record<string, unknown>): unknown {
  const h = record.headlines;
  return isPlainObject(h) && typeof h.basic === 'string' && h.basic.trim() ? h.basic : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
